import { term, type CollectionId, type TermKey } from '@mpm/domain';
import { UserError, badRequest, notFound } from '../../../http/errors.ts';

const named = (layer: CollectionId) => ({ zh: `图层“${term(layer, 'zh')}”`, en: `layer "${term(layer, 'en')}"` });

/** Every refusal of a feature edit that is not the attributes' (`featureAttributes`) or the boundary's (`registerBoundary`). */
export const EDIT_PROBLEMS = {
  layerNotEditable: (layer: CollectionId) =>
    badRequest('layerNotEditable', {
      zh: `${named(layer).zh}不能在网页上编辑要素：矿业权在矿业权台账中登记，恢复治理图斑在图斑台账中维护，其余图层通过数据导入更新。`,
      en: `Features of ${named(layer).en} are not edited here: rights are kept in the licence register, restoration parcels in the parcel register, other layers by importing files.`,
    }),

  featureNotFound: (layer: CollectionId, id: number) =>
    notFound('featureNotFound', {
      zh: `${named(layer).zh}中没有编号为 ${id} 的要素（可能已被删除，或图层已整体导入或恢复）；请重新加载图层。`,
      en: `${named(layer).en} has no feature ${id} (it may have been deleted, or the layer imported or restored whole); reload the layer.`,
    }),

  nothingToChange: () =>
    badRequest('nothingToChange', {
      zh: '请求中没有要修改的内容：请给出属性（properties）或边界（geometry）。',
      en: 'The request changes nothing: send properties or a geometry.',
    }),

  missingField: (layer: CollectionId, field: TermKey) =>
    badRequest('missingField', {
      zh: `${named(layer).zh}的要素必须填写“${term(field, 'zh')}”。`,
      en: `A feature of ${named(layer).en} must have ${term(field, 'en')}.`,
    }),

  duplicateKey: (layer: CollectionId, field: TermKey, value: unknown) =>
    new UserError(409, 'duplicateKey', {
      zh: `${term(field, 'zh')}“${String(value)}”已被另一要素使用（${named(layer).zh}或同表的其他图层）；编号不能重复，未做任何修改。`,
      en: `${term(field, 'en')} "${String(value)}" is taken by another feature (of ${named(layer).en} or a layer sharing its table); nothing was changed.`,
    }),

  featureInUse: (layer: CollectionId, id: number) =>
    new UserError(409, 'featureInUse', {
      zh: `${named(layer).zh}的要素 ${id} 仍被其他记录引用，不能删除；未做任何修改。`,
      en: `Feature ${id} of ${named(layer).en} is still referred to by other records, so it cannot be deleted; nothing was changed.`,
    }),

  outsideCounty: () =>
    badRequest('outsideCounty', {
      zh: '要素的边界完全位于本县范围之外；请检查坐标。',
      en: 'The feature’s boundary lies wholly outside the county; check its coordinates.',
    }),

  boundaryNeeded: () =>
    badRequest('boundaryNeeded', { zh: '请给出要素的边界（geometry）。', en: 'Send the feature’s boundary (geometry).' }),
};
