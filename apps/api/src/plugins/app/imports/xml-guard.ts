import fs from 'node:fs/promises';
import { UserError } from '../../../http/errors.ts';

/** How much of an XML file may come before its root element: declarations and comments only. */
const MAX_PROLOG_BYTES = 1024 * 1024;

const refused = (name: string) =>
  new UserError(400, 'xmlDeclarationsRefused', {
    zh: `“${name}”的 XML 带有文档类型定义（DTD/实体声明），为防范实体膨胀与外部实体攻击一律不读取；请由原软件重新导出（KML/KMZ 本不需要 DTD）。未写入任何数据。`,
    en: `"${name}" declares a document type (DTD, entities), which is never read: it could expand without end or reach outside. Export it again from its software (KML/KMZ needs no DTD). Nothing was written.`,
  });

/**
 * Refuses an XML file (KML, a KMZ's document, GML) that declares a DTD or entities before its root
 * element: GDAL's XML reader would expand them (a billion-laughs file takes the server down), and
 * nothing a bureau receives needs one. Reads only the prolog (at most 1 MiB).
 */
export async function refuseXmlDeclarations(file: string, name: string): Promise<void> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(MAX_PROLOG_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, MAX_PROLOG_BYTES, 0);
    const text = buffer.subarray(0, bytesRead).toString('latin1');
    const root = text.search(/<[A-Za-z_]/);
    const prolog = root === -1 ? text : text.slice(0, root);
    if (/<!(DOCTYPE|ENTITY)/i.test(prolog)) throw refused(name);
    if (root === -1 && bytesRead === MAX_PROLOG_BYTES) throw refused(name);
  } finally {
    await handle.close();
  }
}
