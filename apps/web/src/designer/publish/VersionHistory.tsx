/** Placeholder until this designer screen is built. */
export function VersionHistory() {
  return <div data-testid="designer-placeholder">VersionHistory</div>;
}
