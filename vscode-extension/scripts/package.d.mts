export declare function packageExtension(outDir?: string): Promise<string>;
