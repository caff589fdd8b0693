export { readWgQuick, isWgQuickConfig, isWgQuickFile, WGQUICK_ERROR, type WgQuickResult } from './read.js';
export { parseConf, type ConfEntry, type ConfSection, type ParsedConf, type ConfProblem } from './parse.js';
