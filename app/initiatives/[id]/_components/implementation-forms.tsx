'use client';

import { useTranslations } from 'next-intl';
import { FormError, FormField } from '@/components/form-field';
import { SubmitButton } from '@/components/submit-button';
import { useFormAction, useSaveCount } from '@/components/use-form-action';
import { IMPLEMENTATION_STATUSES, type ImplementationStatus } from '@/lib/consensus/codes';
import type { ImplementationView } from '@/lib/services/initiatives/serialize-initiative';
import { setImplementationAction, setReviewDateAction } from '../../actions';

/** A state's delegate reports how far that state has carried out the formalized text. */
export function ImplementationForm({
  initiativeId,
  state,
  stateName,
  current,
  statusLabels,
}: {
  initiativeId: number;
  state: string;
  stateName: string;
  current: ImplementationView;
  statusLabels: Record<ImplementationStatus, string>;
}) {
  const t = useTranslations('Initiative');
  const { state: result, pending, formProps } = useFormAction(setImplementationAction.bind(null, initiativeId, state), null);
  const fields = result && !result.ok ? (result.fields ?? {}) : {};
  const saves = useSaveCount(result);
  return (
    <form className="form" method="post" {...formProps} data-testid="implementation-form">
      <FormError message={result && !result.ok && result.code !== 'invalid' ? result.message : null} />
      <fieldset className="field">
        <legend>{t('implementationStatusLabel')}</legend>
        {IMPLEMENTATION_STATUSES.map((s) => (
          <label key={s} className="radio-option">
            <input type="radio" name="status" value={s} defaultChecked={current.status === s} />
            <span>{statusLabels[s]}</span>
          </label>
        ))}
        {fields.status ? <span className="error">{fields.status}</span> : null}
      </fieldset>
      <FormField id="implementation-note" label={t('implementationNoteLabel')} error={fields.note}>
        {(props) => <textarea {...props} name="note" defaultValue={current.note ?? ''} maxLength={1000} rows={2} />}
      </FormField>
      <div>
        <SubmitButton pending={pending} className="button" data-testid="save-implementation">
          {t('saveImplementation', { state: stateName })}
        </SubmitButton>
      </div>
      <div role="status" data-testid="implementation-saved">
        {result?.ok ? (
          <p key={saves} className="alert alert-ok small">
            {t('implementationSaved')}
          </p>
        ) : null}
      </div>
    </form>
  );
}

/** A facilitator sets (or clears) the day the implementation is reviewed. */
export function ReviewDateForm({ initiativeId, reviewAt }: { initiativeId: number; reviewAt: string | null }) {
  const t = useTranslations('Initiative');
  const { state: result, pending, formProps } = useFormAction(setReviewDateAction.bind(null, initiativeId), null);
  const fields = result && !result.ok ? (result.fields ?? {}) : {};
  const saves = useSaveCount(result);
  return (
    <form className="form" method="post" {...formProps} data-testid="review-date-form">
      <FormError message={result && !result.ok && result.code !== 'invalid' ? result.message : null} />
      <FormField id="review-at" label={t('reviewDateLabel')} error={fields.reviewAt}>
        {(props) => <input {...props} name="reviewAt" type="date" defaultValue={reviewAt ?? ''} />}
      </FormField>
      <div>
        <SubmitButton pending={pending} className="button button-secondary" data-testid="save-review-date">
          {t('saveReviewDate')}
        </SubmitButton>
      </div>
      <div role="status" data-testid="review-date-saved">
        {result?.ok ? (
          <p key={saves} className="alert alert-ok small">
            {t('reviewSaved')}
          </p>
        ) : null}
      </div>
    </form>
  );
}
