// Style sheets are bundled by esbuild; importing one has no value to type.
declare module '*.css';
