import { useState, type ReactNode } from 'react';
import { Button } from './Button';
import { Card } from './Card';
import { ConfirmDialog } from './ConfirmDialog';
import { TextField } from './TextField';

export interface DeleteCardProps {
  /** The card: "Delete project", and what deleting takes with it. */
  title: string;
  description: string;
  /** The button that opens the dialog. */
  button: string;
  dialogTitle: string;
  dialogDescription: string;
  confirmLabel: string;
  /** The field's label, naming what to type. */
  prompt: ReactNode;
  /** Whether the typed text names the thing (the confirm button stays off until then). */
  matches: (typed: string) => boolean;
  /** Shown under the field while it does not match. */
  mismatch: string;
  /** Deletes; a rejection is shown in the dialog, which stays open to retry. */
  onDelete: () => Promise<unknown>;
  /** After a successful delete (the dialog is closed by then). */
  onDeleted: () => void;
  /** Test ids: `${testId}` (button), `${testId}-dialog`, `${testId}-name` (field). */
  testId: string;
}

/** The danger-zone card of a settings page: delete only after typing the thing's name. */
export function DeleteCard(props: DeleteCardProps) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const matches = props.matches(typed);
  const confirm = async () => {
    if (!matches || pending) return;
    setPending(true);
    setError(null);
    try {
      await props.onDelete();
    } catch (err) {
      setError(err);
      setPending(false);
      return;
    }
    setPending(false);
    setOpen(false);
    props.onDeleted();
  };
  return (
    <Card title={props.title} description={props.description} className="card--danger">
      <div className="row">
        <Button
          variant="danger"
          onClick={() => {
            setTyped('');
            setError(null);
            setOpen(true);
          }}
          data-testid={props.testId}
        >
          {props.button}
        </Button>
      </div>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title={props.dialogTitle}
        description={props.dialogDescription}
        confirmLabel={props.confirmLabel}
        pending={pending}
        confirmDisabled={!matches}
        error={error ?? undefined}
        onConfirm={() => void confirm()}
        data-testid={`${props.testId}-dialog`}
      >
        <TextField
          label={props.prompt}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoFocus
          autoComplete="off"
          error={typed && !matches ? props.mismatch : undefined}
          data-testid={`${props.testId}-name`}
        />
      </ConfirmDialog>
    </Card>
  );
}
