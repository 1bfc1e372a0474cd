'use client';

import { startTransition, useActionState, type FormEvent } from 'react';

/**
 * A server action bound to a form that keeps what the user typed when the server answers with
 * field errors (React resets a form after an `action` submit). Without JavaScript the form still
 * posts to the action.
 */
export function useFormAction<S>(
  action: (previous: S, form: FormData) => Promise<S>,
  initial: S,
  onBeforeSubmit?: (form: FormData) => void,
) {
  const [state, dispatch, pending] = useActionState<S, FormData>(
    action as (previous: Awaited<S>, form: FormData) => Promise<S>,
    initial as Awaited<S>,
  );
  const formProps = {
    action: dispatch,
    onSubmit(event: FormEvent<HTMLFormElement>) {
      event.preventDefault();
      const form = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
      onBeforeSubmit?.(form);
      startTransition(() => dispatch(form));
    },
  };
  return { state, pending, formProps };
}
