export declare function buildServer(outdir?: string): Promise<string>;
export declare function buildClient(outdir?: string): Promise<string>;
export declare function buildGrammar(): Promise<void>;
export declare function buildAll(outdir?: string): Promise<void>;
