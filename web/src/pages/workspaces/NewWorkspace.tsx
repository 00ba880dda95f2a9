import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import type { Workspace, WorkspaceCreate } from '../../api/types';
import { wsKeys } from '../../api/workspaces';
import { useForm } from '../../lib/forms';
import { useTitle } from '../../lib/hooks';
import { checkSlug, checkWorkspaceName, deriveSlug, NAME_MAX, normalizeSlugInput } from '../../lib/slug';
import { Banner, Button, Card, TextField } from '../../ui';

export default function NewWorkspace() {
  useTitle('New workspace');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm({ name: '', slug: '' }, (v) => ({
    name: checkWorkspaceName(v.name),
    slug: v.slug.trim() ? checkSlug(v.slug) : undefined,
  }));

  const submit = form.handleSubmit(async (v) => {
    const body: WorkspaceCreate = { name: v.name.trim() };
    if (v.slug.trim()) body.slug = v.slug.trim();
    const created = await api.post<Workspace>('/workspaces', body);
    queryClient.setQueryData<Workspace[]>(wsKeys.list, (list) => (list ? [...list, created] : list));
    queryClient.setQueryData(wsKeys.one(created.slug), created);
    void queryClient.invalidateQueries({ queryKey: wsKeys.list });
    navigate(`/w/${created.slug}`);
  });

  const slugField = form.field('slug');
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Create a workspace</h1>
          <p>A workspace holds a team's projects, people and activity. You become its owner.</p>
        </div>
      </div>
      <Card className="form-card">
        <form onSubmit={submit} noValidate>
          {form.formError && (
            <Banner tone="danger" data-testid="workspace-create-error">
              {form.formError}
            </Banner>
          )}
          <TextField label="Name" required autoFocus maxLength={NAME_MAX} data-testid="workspace-name" {...form.field('name')} />
          <TextField
            label="Address"
            hint={
              <>
                Lower-case letters, digits and hyphens; it appears in links: <span className="mono">/w/{form.values.slug.trim() || deriveSlug(form.values.name)}</span>. Leave empty to derive it from the name.
              </>
            }
            placeholder={deriveSlug(form.values.name)}
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            data-testid="workspace-slug"
            {...slugField}
            onChange={(e) => form.setValue('slug', normalizeSlugInput(e.target.value))}
          />
          <div className="row">
            <Button type="submit" variant="primary" loading={form.submitting} data-testid="workspace-create-submit">
              Create workspace
            </Button>
            <Button onClick={() => navigate('/')}>Cancel</Button>
          </div>
        </form>
      </Card>
    </>
  );
}
