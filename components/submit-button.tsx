'use client';

import type { ButtonHTMLAttributes } from 'react';

/**
 * A form's submit button that keeps keyboard focus while the form is pending: a `disabled`
 * button loses focus (it drops to the page's body, and a screen reader starts over from the top),
 * so it is marked `aria-disabled` instead and ignores clicks until the answer comes.
 */
export function SubmitButton({ pending, onClick, ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { pending: boolean }) {
  return (
    <button
      {...props}
      type="submit"
      aria-disabled={pending || undefined}
      onClick={(event) => {
        if (pending) event.preventDefault();
        else onClick?.(event);
      }}
    />
  );
}
