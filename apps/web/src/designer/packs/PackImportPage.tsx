/** Placeholder until this designer screen is built. */
export function PackImportPage() {
  return <div data-testid="designer-placeholder">PackImportPage</div>;
}
