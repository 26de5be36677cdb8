import AjvCompiler from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

/**
 * Fastify's own schema compilers (Ajv for what comes in, fast-json-stringify for what goes out),
 * each route's schema compiled on the route's first use instead of at start. Compiling every
 * route's schemas was the largest part of starting the app (about 2 s of CPU of a 10 s reopen under
 * load, in a CPU profile). The compiled functions are the same; only when they are made moves.
 */
export function lazySchemaCompilers(): NonNullable<FastifyServerOptions['schemaController']> {
  const buildValidator = AjvCompiler() as unknown as (...args: unknown[]) => (route: unknown) => Validator;
  const buildSerializer = SerializerSelector() as (...args: unknown[]) => (route: unknown) => Serializer;
  const compilersFactory = {
    buildValidator: (...args: unknown[]) => {
      const compile = buildValidator(...args);
      return (route: unknown) => lazyValidator(() => compile(route));
    },
    buildSerializer: (...args: unknown[]) => {
      const compile = buildSerializer(...args);
      return (route: unknown): Serializer => {
        let serialize: Serializer | undefined;
        return (doc) => (serialize ??= compile(route))(doc);
      };
    },
  };
  // Fastify types each factory as its default's exact type; these take and return the same.
  return { compilersFactory } as unknown as NonNullable<FastifyServerOptions['schemaController']>;
}

type Serializer = (doc: unknown) => string;

/** An Ajv validate function, as Fastify calls it: `errors` after a failure, `schemaEnv` to pass the parent along. */
interface Validator {
  (data: unknown, context?: object): boolean | Promise<unknown>;
  errors?: unknown;
  schemaEnv?: unknown;
}

function lazyValidator(compile: () => Validator): Validator {
  let compiled: Validator | undefined;
  const validate: Validator = (data, context) => {
    compiled ??= compile();
    const result = compiled(data, context);
    validate.errors = compiled.errors;
    return result;
  };
  // Every Ajv function has one; Fastify then passes the parent, so Ajv can coerce a root value.
  validate.schemaEnv = true;
  return validate;
}
