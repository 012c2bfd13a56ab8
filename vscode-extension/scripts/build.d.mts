export declare function buildServer(outdir?: string): Promise<string>;
export declare function buildClient(outdir?: string): Promise<string>;
export declare function buildGrammar(): Promise<void>;
export declare function buildAll(outdir?: string): Promise<void>;
export declare function buildVerifier(outdir?: string): Promise<string>;
export declare const Z3_FILES: string[];
export declare function buildWebview(outdir?: string): Promise<string>;
