import { act, fireEvent, render } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { DeleteCard } from './DeleteCard';

function renderCard(onDelete: () => Promise<unknown>, onDeleted = vi.fn()) {
  const view = render(
    <DeleteCard
      title="Delete project"
      description="Gone for good."
      button="Delete this project"
      dialogTitle="Delete Shop?"
      dialogDescription="Everything in it goes."
      confirmLabel="Delete project"
      prompt="Type SHOP to confirm"
      matches={(typed) => typed.trim() === 'SHOP'}
      mismatch="The key does not match yet."
      onDelete={onDelete}
      onDeleted={onDeleted}
      testId="project-delete"
    />,
  );
  fireEvent.click(view.getByTestId('project-delete'));
  const field = view.getByTestId('project-delete-name') as HTMLInputElement;
  const confirm = view.getByRole('button', { name: 'Delete project' }) as HTMLButtonElement;
  return { view, field, confirm, onDeleted };
}

describe('DeleteCard', () => {
  it('deletes only once the name is typed', async () => {
    const onDelete = vi.fn(() => Promise.resolve());
    const { view, field, confirm, onDeleted } = renderCard(onDelete);
    expect(confirm.disabled).toBe(true);
    fireEvent.change(field, { target: { value: 'SHO' } });
    expect(view.getByText('The key does not match yet.')).toBeTruthy();
    fireEvent.click(confirm);
    expect(onDelete).not.toHaveBeenCalled();
    fireEvent.change(field, { target: { value: ' SHOP ' } });
    expect(confirm.disabled).toBe(false);
    await act(async () => {
      fireEvent.click(confirm);
    });
    expect(onDelete).toHaveBeenCalledTimes(1);
    expect(onDeleted).toHaveBeenCalledTimes(1);
  });

  it('keeps the dialog open with the error when the delete fails', async () => {
    const onDelete = vi.fn(() => Promise.reject(new Error('the server said no')));
    const { view, field, confirm, onDeleted } = renderCard(onDelete);
    fireEvent.change(field, { target: { value: 'SHOP' } });
    await act(async () => {
      fireEvent.click(confirm);
    });
    expect(onDeleted).not.toHaveBeenCalled();
    expect(view.getByText(/went wrong/)).toBeTruthy();
    expect((view.getByTestId('project-delete-name') as HTMLInputElement).value).toBe('SHOP');
  });
});
