declare module 'geojson-validation' {
  /** With trace, a list of problems (empty when valid); without, a boolean. */
  export function isFeature(value: unknown, trace?: boolean): boolean | string[];
  export function valid(value: unknown, trace?: boolean): boolean | string[];
  const GJV: { isFeature: typeof isFeature; valid: typeof valid };
  export default GJV;
}
