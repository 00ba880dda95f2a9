import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { createComment, deleteComment, editComment, taskKeys, useComments, type Comment } from '../../api/tasks';
import { useMembers } from '../../api/workspaces';
import { useUser } from '../../auth/AuthProvider';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { Button, Spinner } from '../../ui';
import { Markdown } from './markdown';

/** Comments of a task: list, add, and edit/delete for their author only. Text survives a failed save. */
export function Comments({ wsId, taskId, readOnly }: { wsId: string; taskId: string; readOnly: boolean }) {
  const queryClient = useQueryClient();
  const me = useUser();
  const comments = useComments(wsId, taskId);
  const members = useMembers(wsId);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();
  const key = taskKeys.comments(wsId, taskId);
  const nameOf = (userId: string) => {
    const m = members.items.find((x) => x.user.id === userId);
    return m ? m.user.name || m.user.email : 'Someone';
  };

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const text = body.trim();
    if (!text) return;
    setSaving(true);
    setError(null);
    try {
      const created = await createComment(taskId, text);
      queryClient.setQueryData<Comment[]>(key, (list) => (list ? (list.some((c) => c.id === created.id) ? list : [...list, created]) : [created]));
      setBody((current) => (current.trim() === text ? '' : current));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="comments">
      {comments.isPending && <Spinner size="sm" label="Loading comments…" />}
      {comments.error && <p className="field__error">{errorMessage(comments.error)}</p>}
      {comments.data && comments.data.length === 0 && <p className="muted">No comments yet.</p>}
      {comments.data && comments.data.length > 0 && (
        <ol className="comments__list">
          {comments.data.map((c) => (
            <CommentItem key={c.id} comment={c} author={nameOf(c.author_id)} mine={c.author_id === me.id && !readOnly} wsId={wsId} taskId={taskId} timeZone={me.timezone} />
          ))}
        </ol>
      )}
      {!readOnly && (
        <form className="comments__add" onSubmit={(e) => void add(e)}>
          <label className="visually-hidden" htmlFor={id}>
            Add a comment
          </label>
          <textarea
            id={id}
            className="field__input"
            rows={3}
            placeholder="Add a comment (Markdown)"
            value={body}
            onChange={(e) => setBody(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void add(e);
            }}
            data-testid="comment-input"
          />
          {error && (
            <p className="field__error" role="alert" data-testid="comment-error">
              {error}
            </p>
          )}
          <div className="row">
            <Button type="submit" size="sm" variant="primary" loading={saving} disabled={!body.trim()} data-testid="comment-submit">
              Comment
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}

function CommentItem({ comment, author, mine, wsId, taskId, timeZone }: { comment: Comment; author: string; mine: boolean; wsId: string; taskId: string; timeZone: string }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = taskKeys.comments(wsId, taskId);

  const save = async () => {
    if (draft === null || !draft.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const updated = await editComment(comment.id, draft.trim(), comment.version);
      queryClient.setQueryData<Comment[]>(key, (list) => list?.map((c) => (c.id === updated.id ? updated : c)));
      setDraft(null);
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        void queryClient.invalidateQueries({ queryKey: key });
        setError('This comment changed meanwhile and has been reloaded; your text is still here — save again to apply it.');
      } else {
        setError(errorMessage(err));
      }
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await deleteComment(comment.id);
      queryClient.setQueryData<Comment[]>(key, (list) => list?.filter((c) => c.id !== comment.id));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <li className="comment" data-testid="comment">
      <div className="comment__head">
        <strong>{author}</strong>
        <span className="muted">
          {formatDateTime(comment.created_at, timeZone)}
          {comment.edited_at && ' · edited'}
        </span>
      </div>
      {draft === null ? (
        <Markdown source={comment.body} className="comment__body" />
      ) : (
        <textarea className="field__input" rows={3} aria-label="Edit the comment" value={draft} onChange={(e) => setDraft(e.target.value)} data-testid="comment-edit-input" />
      )}
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      {mine && (
        <div className="row comment__actions">
          {draft === null && !confirming && (
            <>
              <Button size="sm" variant="ghost" onClick={() => setDraft(comment.body)} data-testid="comment-edit">
                Edit
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setConfirming(true)} data-testid="comment-delete">
                Delete
              </Button>
            </>
          )}
          {draft !== null && (
            <>
              <Button size="sm" variant="primary" loading={busy} onClick={() => void save()} data-testid="comment-edit-save">
                Save
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setDraft(null)}>
                Cancel
              </Button>
            </>
          )}
          {confirming && (
            <>
              <span>Delete this comment?</span>
              <Button size="sm" variant="danger" loading={busy} onClick={() => void remove()} data-testid="comment-delete-confirm">
                Delete
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>
                Keep
              </Button>
            </>
          )}
        </div>
      )}
    </li>
  );
}
