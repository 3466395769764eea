/** Placeholder until this designer screen is built. */
export function PipelineDesigner() {
  return <div data-testid="designer-placeholder">PipelineDesigner</div>;
}
