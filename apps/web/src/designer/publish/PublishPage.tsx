/** Placeholder until this designer screen is built. */
export function PublishPage() {
  return <div data-testid="designer-placeholder">PublishPage</div>;
}
