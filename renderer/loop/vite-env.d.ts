/// <reference types="vite/client" />
// CSS imports (loop.css) are bundled by Vite / esbuild; this gives them their types.
