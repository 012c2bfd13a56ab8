/**
 * Public entry points of the ZhengCe compiler (CLI, language server and tests use these).
 */
export { SourceFile, type Span } from './common/source.js';
export type { Diagnostic, Severity, Fix, TextEdit, Result } from './diagnostics/diagnostic.js';
export { CATALOG, type DiagnosticCode } from './diagnostics/catalog.js';
export { limitErrors, DEFAULT_ERROR_LIMIT } from './diagnostics/limit.js';
export { sortDiagnostics } from './diagnostics/diagnostic.js';
export { renderDiagnosticsText, renderDiagnosticsJson, positionOf } from './diagnostics/render.js';
export { parseFile, reparseFile, type ParsedFile, type ParseOptions } from './syntax/index.js';
export { compile, ParseCache, type CompileResult, type CompiledProgram, type CompileOptions } from './project/program.js';
export { nodeHost, memoryHost, discover, type Host } from './project/host.js';
export { KEYWORDS, GLUE_KEYWORDS, WORD_KEYWORDS, UNIT_WORDS } from './syntax/tokens.js';
