// Vite's `?inline` CSS imports: the built stylesheet as a string (used by the widget build only).
declare module '*.css?inline' {
  const css: string;
  export default css;
}
