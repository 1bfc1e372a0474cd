'use client';

/** A fieldset of checkboxes over codes (states or partners), with its error. */
export function CodeCheckboxes({
  name,
  legend,
  options,
  error,
  defaultChecked = [],
  onChange,
  hint,
}: {
  name: string;
  legend: string;
  options: { code: string; name: string }[];
  error?: string;
  defaultChecked?: string[];
  onChange?: (checked: string[]) => void;
  hint?: string;
}) {
  return (
    <fieldset
      className="field"
      aria-invalid={error ? true : undefined}
      aria-describedby={[hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(' ') || undefined}
    >
      <legend>{legend}</legend>
      {hint ? (
        <span className="hint" id={`${name}-hint`}>
          {hint}
        </span>
      ) : null}
      <div className="checks">
        {options.map((option) => (
          <label key={option.code}>
            <input
              type="checkbox"
              name={name}
              value={option.code}
              defaultChecked={defaultChecked.includes(option.code)}
              onChange={(event) => {
                if (!onChange) return;
                const boxes = event.currentTarget.form?.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`) ?? [];
                onChange([...boxes].map((b) => b.value));
              }}
            />
            <span>
              {option.code} <span className="muted">{option.name}</span>
            </span>
          </label>
        ))}
      </div>
      {error ? (
        <span className="error" id={`${name}-error`}>
          {error}
        </span>
      ) : null}
    </fieldset>
  );
}
