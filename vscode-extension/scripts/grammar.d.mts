export declare const extensionDir: string;
export declare const repoDir: string;
export declare const grammarPath: string;
export interface TokenVocabulary {
  readonly KEYWORDS: readonly string[];
  readonly GLUE_KEYWORDS: readonly string[];
  readonly WORD_KEYWORDS: readonly string[];
  readonly AttrWords: readonly string[];
  readonly TypeWords: readonly string[];
  readonly PeriodWords: readonly string[];
  readonly UNIT_WORDS: readonly string[];
  readonly NUMERAL_CHARS: string;
}
export declare function loadTokens(): Promise<TokenVocabulary>;
export declare function makeGrammar(t: TokenVocabulary): Record<string, unknown> & { repository: { keywords: { patterns: { name: string; match: string }[] } } };
export declare function grammarKeywords(g: ReturnType<typeof makeGrammar>): string[];
export declare function grammarText(g: ReturnType<typeof makeGrammar>): string;
