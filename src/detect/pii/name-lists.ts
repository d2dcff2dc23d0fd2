import { COMMON_WORDS } from './common-words.js';
import { AMBIGUOUS_FIRST_NAMES, FIRST_NAMES } from './first-names.js';

const toSet = (words: string): ReadonlySet<string> => new Set(words.split(/\s+/).filter(Boolean));

/** Common US first names, lower-case. */
export const FIRST_NAME_SET = toSet(FIRST_NAMES);
/** First names that are also ordinary words (`will`, `rose`): weak alone. */
export const AMBIGUOUS_NAME_SET = toSet(AMBIGUOUS_FIRST_NAMES);
/** Frequent English words, lower-case: not surnames when they follow an ambiguous first name. */
export const COMMON_WORD_SET = toSet(COMMON_WORDS);

/** First names that are more often places, brands or months: never a name on their own. */
export const NOT_ALONE_SET = toSet(`
  april may june july august austin dallas houston denver phoenix paris london sydney victoria georgia
  virginia carolina florida chelsea madison jordan israel india china asia africa kenya nevada montana
  arizona dakota florence lincoln jackson washington cleveland orlando memphis cairo lima vienna rome
  milan adelaide alexandria berlin brooklyn camden chester kingston hudson bristol mercedes tesla porsche
  harley bentley lexus alexa siri cortana amazon apple jersey aspen sierra savannah atlas jaguar ford
  chase wells christian easter holland ireland england scotland wales france italy spain germany
  canada mexico brazil cuba santiago sahara nile everest trinity genesis bible malaysia egypt america
  armani chanel dior gucci prada chad salvador trinidad tobago kitts nevis lucia barbados
`);

/** Words after a capitalized word that make it a place or a company (`Solomon Islands`, `Smith Ltd`). */
export const PLACE_OR_ORG_SUFFIX_SET = toSet(`
  island islands republic city county state kingdom bay beach creek river lake valley heights park
  village town street avenue road boulevard lane drive square station airport university college
  school hospital church inc llc ltd plc corp corporation co company gmbh ag sa nv bv lines labs
  associates partners group holdings bank foundation institute
`);

/** Words before a first name that make it part of a place or street (`San Luis`, `rue Victor Hugo`). */
export const PLACE_PREFIX_SET = toSet(`
  san santa são sao saint st ste sainte santo fort port mount mt lake cape villa vila rue via avenue
  avenida calle rua plaza piazza porto puerto los las des
`);

/** Honorifics and titles that introduce a name (`Dr. Ada Lovelace`). */
export const TITLE_SET = toSet(`
  mr mrs ms miss mx dr prof professor sir dame madam madame rev reverend fr capt captain sgt lt col
  judge senator mister mademoiselle herr frau señor señora sr sra
`);

/** Particles inside surnames (`van`, `de la`): kept when a capitalized word follows. */
export const PARTICLE_SET = toSet(
  'van von de der den del della da di du dos das la le bin ibn al el ten ter st',
);

/**
 * Capitalized words that end a name: function words, calendar words, street and company words.
 * A capitalized word after a first name is otherwise taken as a surname.
 */
export const STOP_SET = toSet(`
  the a an and or but nor if then so as at by for from in into of on onto to with without about after
  before between during over under up down out off per via than that this these those there here
  is are was were be been being am do does did has have had will would shall should can could may might
  must not no yes i me my mine you your he him his she her we us our they them their it its who whom
  what when where why how which while all any each every some many much more most other such
  hi hello hey dear thanks thank please regards sincerely cheers best
  monday tuesday wednesday thursday friday saturday sunday january february march april june july
  august september october november december
  street st avenue ave road rd boulevard blvd lane ln drive court ct place square way circle
  parkway highway apt apartment suite unit floor
  inc llc ltd corp co company group bank university college school hospital church club team
  department dept office
  mr mrs ms dr prof i'm i'll i've i'd you're we're they're he's she's it's that's there's let's
  island islands republic kingdom city county state united north south east west new bay beach creek
  river lake mount valley heights park village town centre center saint
`);
