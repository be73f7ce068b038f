/** Stylesheets are bundled by esbuild into their own file (the desk's CSP allows no inline style). */
declare module '*.css';
