'use client';

import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from 'react';

/**
 * A server action bound to a form that keeps what the user typed when the server answers with
 * field errors (React resets a form after an `action` submit). Without JavaScript the form still
 * posts to the action. A submit while one is pending is ignored; when the answer marks fields
 * invalid, focus moves to the first of them (its error is read with it).
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
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state]);
  const formProps = {
    ref,
    action: dispatch,
    onSubmit(event: FormEvent<HTMLFormElement>) {
      event.preventDefault();
      if (pending) return;
      const form = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
      onBeforeSubmit?.(form);
      startTransition(() => dispatch(form));
    },
  };
  return { state, pending, formProps };
}

/**
 * How many times the form's action answered ok: a key for the "saved" line, so a screen reader
 * hears each save as a new line. Each answer counts once (state adjusted while rendering, as React
 * advises over an effect).
 */
export function useSaveCount(result: { ok: boolean } | null) {
  const [answered, setAnswered] = useState(result);
  const [saves, setSaves] = useState(0);
  if (result !== answered) {
    setAnswered(result);
    if (result?.ok) setSaves(saves + 1);
  }
  return saves;
}
