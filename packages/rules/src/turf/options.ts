/** Options of {@link createTurfEngine}. */
export interface TurfEngineOptions {
  /**
   * An existing mining right counts as a holder of a mining planning block when their
   * ellipsoidal overlap exceeds this many m² (the ruleset's `sliverToleranceM2`).
   */
  holderOverlapToleranceM2: number;
  /** Node size of each layer's flatbush index (items per tree node). */
  nodeSize: number;
}

/** Defaults of {@link TurfEngineOptions}. */
export const DEFAULT_TURF_ENGINE_OPTIONS: Readonly<TurfEngineOptions> = {
  holderOverlapToleranceM2: 10, // zhengning-2021 sliverToleranceM2: smaller overlaps are boundary offsets
  nodeSize: 16, // flatbush's own default: fastest search for county-sized layers
};
