import { Component, type ReactNode } from 'react';

/** Shows what broke instead of a blank panel. Text is fixed English/Chinese: i18n may be what failed. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" className="m-3 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
        <p className="font-semibold">Something went wrong · 出错了</p>
        <p className="mt-1 break-words">{this.state.error.message}</p>
      </div>
    );
  }
}
