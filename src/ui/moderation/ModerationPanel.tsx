import { useEffect, useId, useState, type ReactNode } from 'react';
import { useModeration, useOpenReports, useUser, type Message, type Report, type ReportAction, type RoomBan } from '../../react';
import { cx, useLocale, useStrings } from '../config';
import { withNames } from '../format/bidi';
import { formatDateTime } from '../format/dates';
import { DialogButtons, DialogError, DialogFrame } from '../Dialog';
import { MODERATION_DURATIONS, REASON_LABELS } from './format';

/**
 * Props of {@link ModerationPanel}.
 *
 * @example
 * <ModerationPanel roomId="general" onClose={close} />
 */
export interface ModerationPanelProps {
  /** The room whose reports to show; leave it out for every room the person moderates. */
  roomId?: string;
  onClose(): void;
  className?: string;
}

/**
 * The moderation queue, as a modal dialog: the open reports of a room (or of every room the
 * person moderates), oldest first, each with the reported message among its neighbours, the
 * reason and the reporter's note, and the actions: dismiss, delete the message, mute or ban its
 * author (for a chosen time); and, for one room, who is banned from it, with Unban. Kept live: a new report appears, one another moderator resolved
 * leaves. The server decides who may; its refusal shows on the report.
 *
 * @example
 * {open && <ModerationPanel roomId={roomId} onClose={() => setOpen(false)} />}
 */
export function ModerationPanel({ roomId, onClose, className }: ModerationPanelProps): ReactNode {
  const strings = useStrings();
  const { reports, state, error } = useOpenReports(roomId);
  return (
    <DialogFrame title={strings.moderation} onClose={onClose} className={cx('confab-moderation-panel', className)}>
      <div className="confab-moderation-panel-body" data-state={state === 'ready' && reports.length === 0 ? 'empty' : state}>
        <p className="confab-dialog-text" role="status">
          {state === 'ready' && reports.length === 0 ? strings.noOpenReports : strings.openReports(reports.length)}
        </p>
        {error !== null && <DialogError>{error}</DialogError>}
        <ul className="confab-moderation-reports">
          {reports.map((report) => (
            <ReportItem key={report.id} report={report} />
          ))}
        </ul>
        {roomId !== undefined && <BanList roomId={roomId} />}
        <DialogButtons closeLabel={strings.done} onClose={onClose} />
      </div>
    </DialogFrame>
  );
}

/** One report: who reported whom and why, the message in context, and what to do about it. */
function ReportItem({ report }: { report: Report }): ReactNode {
  const strings = useStrings();
  const moderation = useModeration();
  const ids = useId();
  const reporter = useUser(report.reporterId)?.name ?? report.reporterId;
  const reported = useUser(report.userId)?.name ?? report.userId;
  const [duration, setDuration] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const canDelete = report.message !== undefined && report.message.deletedAt === undefined;
  // A report of a person has no message: its actions name the person rather than "the author".
  const aboutPerson = report.messageId === undefined;

  function resolve(action: ReportAction) {
    setBusy(true);
    setError(null);
    moderation.resolveReport(report, action, { durationMs: MODERATION_DURATIONS[duration]?.ms ?? null }).then(
      // The report leaves the queue (the store drops it); nothing else to do here.
      () => {},
      (failure: unknown) => {
        setError(failure instanceof Error ? failure.message : String(failure));
        setBusy(false);
      },
    );
  }

  return (
    <li className="confab-moderation-report" data-kind={aboutPerson ? 'person' : 'message'} data-state={busy ? 'loading' : 'idle'} aria-labelledby={`${ids}-title`}>
      <p id={`${ids}-title`} className="confab-moderation-report-title">
        {withNames(strings.reportedBy, reporter, strings[REASON_LABELS[report.reason]])}
      </p>
      <p className="confab-moderation-report-about">{withNames(strings.reportAbout, reported)}</p>
      {report.note !== undefined && <blockquote className="confab-moderation-report-note">{report.note}</blockquote>}
      {report.context.length > 0 && (
        <ol className="confab-moderation-context">
          {report.context.map((message) => (
            <ContextLine key={message.id} message={message} reported={message.id === report.messageId} />
          ))}
        </ol>
      )}
      {error !== null && <DialogError>{error}</DialogError>}
      <div className="confab-moderation-report-actions" role="group" aria-labelledby={`${ids}-title`}>
        <button type="button" className="confab-button" data-variant="secondary" data-action="dismiss" disabled={busy} onClick={() => resolve('dismiss')}>
          {strings.dismissReport}
        </button>
        {canDelete && (
          <button type="button" className="confab-button" data-variant="secondary" data-action="delete-message" disabled={busy} onClick={() => resolve('deleteMessage')}>
            {strings.deleteReportedMessage}
          </button>
        )}
        <select className="confab-dialog-input" aria-label={strings.durationLabel} value={duration} disabled={busy} onChange={(event) => setDuration(Number(event.target.value))}>
          {MODERATION_DURATIONS.map((choice, index) => (
            <option key={choice.label} value={index}>
              {strings[choice.label]}
            </option>
          ))}
        </select>
        <button type="button" className="confab-button" data-variant="secondary" data-action="mute-author" disabled={busy} onClick={() => resolve('muteAuthor')}>
          {aboutPerson ? withNames(strings.muteTitle, reported) : strings.muteAuthor}
        </button>
        <button type="button" className="confab-button" data-variant="danger" data-action="ban-author" disabled={busy} onClick={() => resolve('banAuthor')}>
          {aboutPerson ? withNames(strings.banTitle, reported) : strings.banAuthor}
        </button>
      </div>
    </li>
  );
}

/** One message around the reported one, as plain text: author and words (a tombstone says so). */
function ContextLine({ message, reported }: { message: Message; reported: boolean }): ReactNode {
  const strings = useStrings();
  const name = useUser(message.authorId)?.name;
  // A server notice (a mute, an announcement) has no person behind it.
  const author = message.system ? strings.announcement : (name ?? strings.someone);
  return (
    <li className="confab-moderation-context-line" aria-current={reported ? 'true' : undefined}>
      <bdi className="confab-moderation-context-author">{author}</bdi>{' '}
      <span className="confab-moderation-context-text">{message.deletedAt !== undefined ? strings.messageDeleted : message.text}</span>
    </li>
  );
}

/** Who is banned from the room, until when and why, each with Unban (the server's list, read when the panel opens). */
function BanList({ roomId }: { roomId: string }): ReactNode {
  const strings = useStrings();
  const moderation = useModeration();
  const ids = useId();
  const [bans, setBans] = useState<readonly RoomBan[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    moderation.listBans(roomId).then(
      (list) => live && setBans(list),
      (failure: unknown) => live && setError(failure instanceof Error ? failure.message : String(failure)),
    );
    return () => {
      live = false;
    };
  }, [moderation, roomId, round]);
  function unban(userId: string) {
    setError(null);
    moderation.unban(roomId, userId).then(
      () => setRound((value) => value + 1),
      (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    );
  }
  return (
    <section className="confab-moderation-bans" aria-labelledby={`${ids}-bans`} data-state={bans === null ? 'loading' : bans.length === 0 ? 'empty' : 'ready'}>
      <h3 id={`${ids}-bans`} className="confab-moderation-bans-title">
        {strings.bannedPeople}
      </h3>
      {error !== null && <DialogError>{error}</DialogError>}
      {bans !== null && bans.length === 0 && <p className="confab-dialog-text">{strings.noBans}</p>}
      {bans !== null && bans.length > 0 && (
        <ul className="confab-moderation-ban-list">
          {bans.map((ban) => (
            <BanRow key={ban.userId} ban={ban} onUnban={() => unban(ban.userId)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function BanRow({ ban, onUnban }: { ban: RoomBan; onUnban(): void }): ReactNode {
  const strings = useStrings();
  const locale = useLocale();
  const name = useUser(ban.userId)?.name ?? ban.userId;
  return (
    <li className="confab-moderation-ban" data-user-id={ban.userId}>
      <bdi className="confab-moderation-ban-name">{name}</bdi>
      <span className="confab-moderation-ban-until">{ban.until === undefined ? strings.durationForGood : strings.bannedUntil(formatDateTime(ban.until, locale))}</span>
      {ban.reason !== undefined && <span className="confab-moderation-ban-reason">{ban.reason}</span>}
      <button type="button" className="confab-button" data-variant="secondary" data-action="unban" onClick={onUnban}>
        {strings.unban}
      </button>
    </li>
  );
}
