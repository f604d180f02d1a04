// @vitest-environment jsdom
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { DialogButtons, DialogError } from '../../src/ui/Dialog';

const ui = resolve(import.meta.dirname, '../../src/ui');
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : []));

afterEach(cleanup);

describe('the dialogs’ shared parts', () => {
  it('are the one copy of the error sentence and the button row: no dialog writes them by hand', () => {
    const byHand = sourceFiles(ui)
      .filter((file) => relative(ui, file) !== 'Dialog.tsx')
      .filter((file) => /className="confab-dialog-(error|buttons)"/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ui, file));
    expect(byHand).toEqual([]);
  });

  it('DialogError is announced at once and named by its id; DialogButtons closes with Cancel (secondary) or Done (primary) before the form’s own button', () => {
    const closed: string[] = [];
    render(
      <>
        <DialogError id="name-error">That name is taken.</DialogError>
        <DialogButtons closeLabel="Cancel" onClose={() => closed.push('cancel')}>
          <button type="submit">Save</button>
        </DialogButtons>
        <DialogButtons closeLabel="Done" closeVariant="primary" onClose={() => closed.push('done')} />
      </>,
    );
    expect(screen.getByRole('alert').id).toBe('name-error');
    expect(screen.getAllByRole('button').map((button) => [button.textContent, button.getAttribute('data-variant')])).toEqual([
      ['Cancel', 'secondary'],
      ['Save', null],
      ['Done', 'primary'],
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(closed).toEqual(['cancel', 'done']);
  });
});
