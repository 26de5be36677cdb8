/**
 * The heavy half of plan mode on the map (terra-draw, the Turf engine), loaded only when plan
 * mode opens so that visitors of the public map never download it.
 */
export { createDrawController } from './draw-controller.ts';
export { selectLiveCheck } from '../state/live-check.ts';
