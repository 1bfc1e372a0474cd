'use client';

import type { ReactNode } from 'react';
import type { ActionState } from '@/lib/http/action';
import { useFormAction } from './use-form-action';
import { SubmitButton } from './submit-button';

/** A one-button form bound to a server action, showing the action's error beside it. */
export function ActionButton({
  action,
  children,
  variant = 'primary',
  confirm,
  testId,
  done,
}: {
  action: (previous: ActionState<{ id: number }>, form: FormData) => Promise<ActionState<{ id: number }>>;
  children: ReactNode;
  variant?: 'primary' | 'secondary' | 'danger';
  confirm?: string;
  testId?: string;
  /** Said instead of the button once the action succeeded (one-time actions). */
  done?: string;
}) {
  const { state, pending, formProps } = useFormAction(action, null);
  if (done && state?.ok)
    return (
      <p className="alert alert-ok" role="status">
        {done}
      </p>
    );
  return (
    <form
      method="post"
      {...formProps}
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) {
          event.preventDefault();
          return;
        }
        formProps.onSubmit(event);
      }}
    >
      <SubmitButton pending={pending} className={`button ${variant === 'primary' ? '' : `button-${variant}`}`} data-testid={testId}>
        {children}
      </SubmitButton>
      {state && !state.ok ? (
        <span className="error small" role="alert" style={{ display: 'block' }}>
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
