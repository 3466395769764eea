import type { ECElementEvent, EChartsType } from 'echarts/core';
import { useEffect, useRef } from 'react';
import { echarts, type ChartOption } from './echarts.setup';

interface Props {
  option: ChartOption;
  /** A click on a data item (bar, funnel stage, heatmap cell, point). */
  onClick?: (event: ECElementEvent) => void;
  height?: number;
  testId?: string;
  label?: string;
}

/** One ECharts instance (SVG renderer) bound to a div: options replaced on change, resized with its box, disposed on unmount. */
export function EChart({ option, onClick, height = 280, testId, label }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | undefined>(undefined);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    const el = box.current!;
    const instance = echarts.init(el, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (e) => click.current?.(e));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = undefined;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} role="figure" aria-label={label} data-testid={testId} style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined }} />;
}
