'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { FormError, FormField } from '@/components/form-field';
import { StanceMark } from '@/components/stance-mark';
import { SubmitButton } from '@/components/submit-button';
import { useFormAction, useSaveCount } from '@/components/use-form-action';
import { POSITIONS, type Position } from '@/lib/consensus/codes';
import type { StanceView } from '@/lib/services/initiatives/serialize-initiative';
import { setStanceAction } from '../../actions';

/**
 * A state's stance as its delegate gives it: the position, its reason (required for a
 * reservation) and perhaps a condition, an endorsement ad referendum with its confirmation date,
 * and a note only the chair reads. It says which version of the text it is on.
 */
export function StanceForm({
  initiativeId,
  state,
  stateName,
  version,
  current,
}: {
  initiativeId: number;
  state: string;
  stateName: string;
  version: number;
  current: StanceView;
}) {
  const t = useTranslations('Initiative');
  const { state: result, pending, formProps } = useFormAction(setStanceAction.bind(null, initiativeId, state), null);
  const fields = result && !result.ok ? (result.fields ?? {}) : {};
  const [position, setPosition] = useState<Position>(current.position);
  const [adReferendum, setAdReferendum] = useState(current.adReferendum);
  const saves = useSaveCount(result);
  return (
    <form className="form" method="post" {...formProps} data-testid="stance-form">
      <FormError message={result && !result.ok && result.code !== 'invalid' ? result.message : null} />
      <p className="small muted" data-testid="stance-version">
        {t('versionNote', { version })}
      </p>
      <fieldset className="field">
        <legend>{t('position')}</legend>
        {POSITIONS.map((p) => (
          <label key={p} className="radio-option">
            <input type="radio" name="position" value={p} defaultChecked={current.position === p} onChange={() => setPosition(p)} />
            <span>
              <StanceMark position={p} />
              <span className="small muted option-hint">{t(`positionExplain.${p}`)}</span>
            </span>
          </label>
        ))}
        {fields.position ? <span className="error">{fields.position}</span> : null}
      </fieldset>
      <FormField id="stance-note" label={t('noteLabel')} error={fields.note}>
        {(props) => <textarea {...props} name="note" defaultValue={current.note ?? ''} maxLength={1000} />}
      </FormField>
      {position === 'reservation' ? (
        <FormField id="stance-condition" label={t('conditionLabel')} error={fields.condition}>
          {(props) => <input {...props} name="condition" type="text" defaultValue={current.condition ?? ''} maxLength={500} />}
        </FormField>
      ) : null}
      {position === 'endorse' ? (
        <div className="field">
          <label className="check-option">
            <input
              type="checkbox"
              name="adReferendum"
              defaultChecked={current.adReferendum}
              onChange={(event) => setAdReferendum(event.currentTarget.checked)}
            />{' '}
            {t('adReferendumLabel')}
          </label>
          {adReferendum ? (
            <FormField id="stance-confirm-by" label={t('confirmByLabel')} error={fields.confirmBy}>
              {(props) => <input {...props} name="confirmBy" type="date" defaultValue={current.confirmBy?.slice(0, 10) ?? ''} required />}
            </FormField>
          ) : null}
          {fields.adReferendum ? <span className="error">{fields.adReferendum}</span> : null}
        </div>
      ) : null}
      <FormField id="stance-chair-note" label={t('chairNoteLabel')} error={fields.chairNote}>
        {(props) => <textarea {...props} name="chairNote" defaultValue={current.chairNote ?? ''} maxLength={1000} rows={2} />}
      </FormField>
      <p className="small muted">{t('noCommitment')}</p>
      <div>
        <SubmitButton pending={pending} className="button" data-testid="save-stance">
          {t('saveStance', { state: stateName })}
        </SubmitButton>
      </div>
      {/* Always in the page, so a screen reader hears each save: a new line for every one. */}
      <div role="status" data-testid="stance-saved">
        {result?.ok ? (
          <p key={saves} className="alert alert-ok small">
            {t('stanceSaved')}
          </p>
        ) : null}
      </div>
    </form>
  );
}
