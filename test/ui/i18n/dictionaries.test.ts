// Every shipped dictionary has every key of ChatStrings, writes the same placeholders as English,
// and gives each plural text exactly the forms its language's Intl.PluralRules use.
import { CHAT_LANGUAGES, loadChatDictionary, matchChatLanguage, stringsOf } from '../../../src/ui/i18n/catalog';
import type { ChatDictionary } from '../../../src/ui/i18n/dictionary';
import { english } from '../../../src/ui/i18n/english';
import { createLocaleFormat, type LocaleFormat, type PluralForms } from '../../../src/ui/i18n/format';
import type { ChatStrings } from '../../../src/ui/strings';

type FunctionKey = { [K in keyof ChatStrings]: ChatStrings[K] extends (...args: never[]) => string ? K : never }[keyof ChatStrings];

const A = '⟦A⟧';
const B = '⟦B⟧';
const C = '⟦C⟧';

/**
 * Arguments to call each text with. Counts are 7 and 1234 (a "few"/"many"/"other" form in every
 * language, so the count is written out); typed, so a new key cannot be forgotten here.
 */
const SAMPLES: { [K in FunctionKey]: ReadonlyArray<Parameters<ChatStrings[K]>> } = {
  noRoomsMatch: [[A]],
  notificationInRoom: [[A, B]],
  unreadCount: [[7], [1234]],
  members: [[7], [1234]],
  lastSeen: [[A]],
  beginningOfRoom: [[A]],
  gap: [[7], [1234]],
  newMessages: [[7], [1234]],
  seenBy: [[[A]], [[A, B]], [[A, B, C]]],
  reactedBy: [
    [[A], B],
    [[A, B, C], B],
  ],
  replies: [[7], [1234]],
  openImage: [[A]],
  download: [[A]],
  reactWith: [[A]],
  newMessageFrom: [[A, B]],
  moreCount: [[7], [1234]],
  showMorePeople: [[3], [11], [1234]],
  composerPlaceholder: [[A]],
  quotingMessage: [[A]],
  bytesLeft: [[7], [1234]],
  tooLong: [[5678, 5120]],
  removeAttachment: [[A]],
  uploading: [[A, 45]],
  uploadFailed: [[A]],
  typing: [[[]], [[A]], [[A, B]], [[A, B, C]]],
  threadReplies: [[7], [1234]],
  connection: [['connecting'], ['online'], ['reconnecting'], ['offline'], ['closed']],
  reconnectingIn: [[7], [1234]],
  lastMessagePreview: [[A, B]],
  meSuffix: [[A]],
  membersOf: [[A]],
  addPeopleTitle: [[A]],
  memberAdded: [[A]],
  memberActions: [[A]],
  confirmRemoveMember: [[A]],
  readByCount: [
    [7, 1234],
    [1234, 5678],
  ],
  pinnedCount: [[7], [1234]],
  pinnedBy: [[A]],
  searchInRoom: [[A]],
  searchNoResults: [[A]],
  reportPersonTitle: [[A]],
  muteTitle: [[A]],
  banTitle: [[A]],
  mutedUntil: [[A]],
  sendingTooFast: [[7], [1234]],
  openReports: [[7], [1234]],
  reportedBy: [[A, B]],
  reportAbout: [[A]],
  noticeMuted: [
    [A, B, C],
    [A, B, null],
  ],
  noticeUnmuted: [[A, B]],
  noticeBanned: [
    [A, B, C],
    [A, B, null],
  ],
  noticeUnbanned: [[A, B]],
  bannedUntil: [[A]],
  // Rooms and people
  profileOf: [[A]],
  confirmBlock: [[A]],
  blockNamed: [[A]],
  invitedYou: [[A, B]],
  withdrawInvitation: [[A]],
  // Slash commands and polls (issue #14)
  pollOption: [[7], [1234]],
  removePollOption: [[7], [1234]],
  pollVotes: [[7], [1234]],
  pollVoters: [[7], [1234]],
  pollVotedBy: [[[A]], [[A, B, C]]],
};

/** Every sample call, untyped, to run against any dictionary. */
function sampleCalls(): Array<[FunctionKey, ReadonlyArray<readonly unknown[]>]> {
  return Object.entries(SAMPLES) as unknown as Array<[FunctionKey, ReadonlyArray<readonly unknown[]>]>;
}

/** The placeholders an argument list can put into a text: the names as given, numbers as the locale writes them. */
function placeholders(args: readonly unknown[], locale: string): string[] {
  const numbers = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  return args.flatMap((arg) => {
    if (Array.isArray(arg)) return arg as string[];
    if (typeof arg === 'number') return arg === 45 ? [percent.format(0.45)] : [numbers.format(arg)];
    return typeof arg === 'string' && arg.startsWith('⟦') ? [arg] : [];
  });
}

/** The helpers for a language, recording every plural text asked for. */
function recordingFormat(language: string): { format: LocaleFormat; plurals: PluralForms[] } {
  const real = createLocaleFormat(language, language);
  const plurals: PluralForms[] = [];
  return {
    plurals,
    format: {
      ...real,
      plural(count, forms) {
        plurals.push(forms);
        return real.plural(count, forms);
      },
    },
  };
}

const englishStrings = english.strings(createLocaleFormat('en', 'en'));
const englishKeys = Object.keys(englishStrings).sort();
const dictionaries = new Map<string, ChatDictionary>();

beforeAll(async () => {
  for (const language of CHAT_LANGUAGES) dictionaries.set(language, await loadChatDictionary(language));
});

describe.each(CHAT_LANGUAGES.filter((language) => language !== 'en'))('the %s dictionary', (language) => {
  const dictionary = () => dictionaries.get(language) as ChatDictionary;

  it('is the language it says, in its own direction', () => {
    expect(dictionary().language).toBe(language);
    expect(dictionary().direction).toBe(language === 'ar' ? 'rtl' : 'ltr');
  });

  it('has every key, each of the same kind as in English, and no other', () => {
    const strings = dictionary().strings(createLocaleFormat(language, language));
    expect(Object.keys(strings).sort()).toEqual(englishKeys);
    for (const key of englishKeys as (keyof ChatStrings)[]) {
      expect(typeof strings[key], key).toBe(typeof englishStrings[key]);
      if (typeof strings[key] === 'string') expect((strings[key] as string).trim(), key).not.toBe('');
    }
  });

  it('writes the same placeholders as English, numbers as the locale writes them', () => {
    const strings = dictionary().strings(createLocaleFormat(language, language));
    for (const [key, calls] of sampleCalls()) {
      for (const args of calls) {
        const call = (target: ChatStrings) => (target[key] as (...values: unknown[]) => string)(...args);
        const inEnglish = placeholders(args, 'en').filter((token) => call(englishStrings).includes(token));
        const translated = call(strings);
        const inTranslation = placeholders(args, language).filter((token) => translated.includes(token));
        expect(inTranslation.length, `${key}(${JSON.stringify(args)}) → ${translated}`).toBe(inEnglish.length);
        expect(translated.trim() === '', `${key}(${JSON.stringify(args)})`).toBe(call(englishStrings).trim() === '');
      }
    }
  });

  it("gives every plural text exactly the forms of the language's plural rules", () => {
    const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories.slice().sort();
    const { format, plurals } = recordingFormat(language);
    const strings = dictionary().strings(format);
    for (const [key, calls] of sampleCalls()) {
      for (const args of calls) (strings[key] as (...values: unknown[]) => string)(...args);
    }
    expect(plurals.length).toBeGreaterThanOrEqual(10);
    for (const forms of plurals) {
      expect(Object.keys(forms).sort(), JSON.stringify(forms)).toEqual(categories);
      for (const category of categories.filter((name) => name !== 'zero' && name !== 'one' && name !== 'two')) {
        expect(forms[category], `${category} of ${JSON.stringify(forms)}`).toContain('#');
      }
    }
  });
});

describe('English', () => {
  it('gives its plural texts the forms of English', () => {
    const { format, plurals } = recordingFormat('en');
    const strings = english.strings(format);
    for (const [key, calls] of sampleCalls()) {
      for (const args of calls) (strings[key] as (...values: unknown[]) => string)(...args);
    }
    for (const forms of plurals) expect(Object.keys(forms).sort()).toEqual(['one', 'other']);
  });
});

describe('Arabic plurals', () => {
  it('take all six forms by count', async () => {
    const strings = stringsOf(await loadChatDictionary('ar'), 'ar');
    const forms = [0, 1, 2, 3, 11, 100].map((count) => strings.members(count));
    expect(new Set(forms).size).toBe(6);
    expect(forms.slice(0, 3)).toEqual(['لا أعضاء', 'عضو واحد', 'عضوان']);
  });
});

describe('numbers through the locale', () => {
  it('formats counts as the full locale writes them, not as English does', async () => {
    const german = await loadChatDictionary('de');
    expect(stringsOf(german, 'de').members(1234)).toBe('1.234 Mitglieder');
    expect(stringsOf(german, 'de-CH').members(1234)).toBe(`${new Intl.NumberFormat('de-CH').format(1234)} Mitglieder`);
    expect(new Intl.NumberFormat('de-CH').format(1234)).not.toBe('1.234');
    expect(stringsOf(english, 'en-IN').unreadCount(1234567)).toBe('12,34,567 unread messages');
    expect(stringsOf(await loadChatDictionary('fr'), 'fr').uploading('a.png', 45)).toMatch(/^Envoi de a\.png\u00A0: 45[\u00A0\u202F]%$/);
  });
});

describe('matchChatLanguage', () => {
  it('picks the same tag, else the same language, else English', () => {
    expect(matchChatLanguage('pt-BR')).toBe('pt-BR');
    expect(matchChatLanguage('pt')).toBe('pt-BR');
    expect(matchChatLanguage('pt-PT')).toBe('pt-BR');
    expect(matchChatLanguage('es-MX')).toBe('es');
    expect(matchChatLanguage('DE-at')).toBe('de');
    expect(matchChatLanguage('ar-EG')).toBe('ar');
    expect(matchChatLanguage('ja-JP')).toBe('ja');
    expect(matchChatLanguage('it')).toBe('en');
    expect(matchChatLanguage('not a tag!')).toBe('en');
    expect(matchChatLanguage(undefined)).toBe('en');
  });
});

describe('stringsOf', () => {
  it('falls back to English for each key a dictionary leaves out', () => {
    const partial: ChatDictionary = {
      language: 'it',
      direction: 'ltr',
      strings: (format) => ({ send: 'Invia', members: (count: number) => format.plural(count, { one: '# membro', other: '# membri' }) }) as unknown as ChatStrings,
    };
    const strings = stringsOf(partial, 'it');
    expect(strings.send).toBe('Invia');
    expect(strings.members(3)).toBe('3 membri');
    expect(strings.cancel).toBe('Cancel');
    expect(strings.unreadCount(2)).toBe('2 unread messages');
  });

  it('gives one object per dictionary and locale', async () => {
    const spanish = await loadChatDictionary('es');
    expect(stringsOf(spanish, 'es-MX')).toBe(stringsOf(spanish, 'es-MX'));
    expect(stringsOf(spanish, 'es-MX')).not.toBe(stringsOf(spanish, 'es'));
  });
});
