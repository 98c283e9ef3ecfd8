import type { ReactNode } from 'react';
import { Alert } from '../common/ui-kit';

export type Status = { ok: boolean; text: string } | null;

/** The outcome of an action: a quiet status line when it worked, an alert (with details) when not. */
export function StatusLine({ status, children }: { status: Status; children?: ReactNode }) {
  if (!status) return null;
  return (
    <div className="mt-2">
      {status.ok ? (
        <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
          {status.text}
        </p>
      ) : (
        <Alert>
          {status.text}
          {children}
        </Alert>
      )}
    </div>
  );
}
