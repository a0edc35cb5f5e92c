/** Search macros: definitions, loaders and expansion. */
export {
  BUILTIN_MACROS,
  FILTER_FALLBACK_DEFINITION,
  MacroTable,
  macroKey,
  sameOrigin,
  originKind,
  originText,
  COMMAND_LINE_FILE,
  GENERATED_FILE,
  type MacroOriginKind,
  type MacroDef,
  type MacroOrigin,
  BUILTIN_ORIGIN,
} from './definitions.js';
export { parseMacrosConf } from './conf.js';
export { parseMacroYaml } from './yaml.js';
export { scanComments } from './scan.js';
export { loadMacroFile, loadMacroPath, loadMacroText, loadMacroTable, macroFiles, macroFilesOf, parseInlineMacro, type MacroSources } from './load.js';
export {
  expandMacros,
  listMacroCalls,
  MAX_MACRO_DEPTH,
  type ExpandOptions,
  type Expansion,
  type Located,
  type MacroCall,
  type MacroCallArg,
  type MacroCallTrace,
} from './expand.js';
