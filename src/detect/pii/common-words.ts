// Generated file: do not edit by hand.
// The 3000 most frequent lower-case words of English prose found on a Debian build machine (package
// documentation, tldr pages), kept only if Debian's wamerican word list (SCOWL) has them, less the
// first names of first-names.ts. Used to tell a surname or a name from an ordinary word.

/** Common English words, lower-case, space-separated. */
export const COMMON_WORDS = `
the node to and pull in commit of is for with test that you be from on an or not doc as id it by can
example are all this following use log add name email more fix file information code us if at when
update my your version new command do docs was any see has list false value team no time string
which status message content process number error latest have user should amazon data create key set
build delete description size one get but type function stream specified only cc remove used using
west output been event added meeting default object last files subject module shared make options
now task start owner merge modified path about tools console without body service then security
request option read instance import cluster package end run group support first up resource me
require text received configuration values line black east location tests later project sent instead
ca other after changes so product describe buffer must work issues policy client beginning into gave
send check address there our release source solve feedback title input also account does response
them like assert its access ignore server lib emails where format some each details improve
available fa tags install python dd hotel day method directory large help same gyp documentation
invalid recipients ea system class we role private ad cf always out before contents minutes return
sender how timestamp current tag their include tan change net attachments parameter domain please
than events arguments copy bucket sin such while foo link modules previous what would custom
argument target two environment single versions did password these repository water rule teaspoon
child errors messages performance plan both allow write order property branch main they need patch
result report participants customer context socket based null sign non call building objects every
important reset development application including functions commands under benchmark document mode
confirmed internal specific returns public called members index staff running global names until
eggs open being were garlic room window port enabled close even move updates provide over given
replace just job most because free tree unread encoding worker local via hooks enable named err meta
produces headers session types above character answer next script array way associated multiple
activities passed length provided medium notice header rules modify dependencies salt marketing
anything root channel snapshot everything info users created inbox level bit image variable part
upgrade common long real connection want resources sugar ground resolve creates cook uses conditions
heat butter contains network spaghetti inspector parse different diff pick certificate instructions
memory never initial stack load cache made removed demo warning connect region generate instances
notes keys during shell template had language between token lists state doe core back tool integer
responses coverage optional library let since groups definition packages own possible supported
scope together undefined working software base scripts put progress store match avoid could plans
properties table bytes var copies flag requests permission handle longer section know say query
reference await date includes within missing well features auto issue schema appropriate strategy
gateway menu exit methods behavior entry through model returned plain empty cup failed pass fork
manager budget bar off throw cannot usage brown prefix very lint many existing fast something point
full setting installed clean bash view settings license parser required market sales registry push
atmosphere show flaky updated included modern cheese search prompt boil pan learned defined lines
filter cloud idle top remote copyright wait today deprecation readable solving parameters range
white best policies timers google action polar etc disable still goals allows either respond gamma
experimental specify he unused deprecated characters publish debug releases special dot profile
fetch exception actions forward ensure comment results attachment who typo give person windows
debugger bug strings deletes vacation inspect host passport prototype binary adhere standard ref
upstream signal protocol review instruction paths share attribute re strictly fixes corrected
correctly fixed below style app additional potential expected present win stop needed validation
valid ready against attributes five old gov great extension world correct pack platform apply trip
bring meet device already break exports interface pattern zero feature minor pip launch testing tell
ingredients catch chicken discover suite streams operation listener bin thing execution shall
implementation sure distribute necessary self form experience collaborators altering dialog export
question substitute oil chocolate configure native block entries vegetable master field otherwise
once items little stay folder better requires going blob web reduce sets pool commits runs here
original selection warnings shows route boundary color parent again identifier improvement encourage
family sample constructor simple another problem mail phone left control topic cases program else
dependency related creating fail am rights systems limit calls find timeline comments distribution
clarify simplify browser quality try separate cause expectations history baking calling designed
constants runner along hot regular gets variables handling generated immediately future cuisine
complete country built vanilla hour powder degrees emitted milk flour width refs communication
chopped cups those onion oven soda curry teaspoons chips tomatoes tablespoons pasta human active
frying tongs minced tablespoon cumin turmeric coriander cayenne ounces coconut guide skip alias
times note able hook detail knowledge written offset take operations improvements good steps
displays wrap purpose changed ignored hello safe virtual condition home credit granted exact links
increase member card flags known broken keep permissions small label abort found place cleanup rooms
destroy hereby automatically helpful destination compare retrieve making stage verify chunk dishes
second allowed directly sources near strict organization emit loop started queue retrieves follow
reservation having engine display identity restriction map green delivery works party done edit
provider remaining currently calendar spec too alt parsing exists editor proxy provides print means
illegal deleting syntax series pipeline thread clients products him external unless handler managed
secret maintenance count things keyword pending limitation regression city travel satisfied tab
visit writable act space sync needs side platforms attentive targets upon presentation containing
maximum checks admin amenities per summary expensive low charge whether clone itself hash origin
expenses association examples teams contain validate reason deployment deal algorithm blog extract
friendly thrown plugin sh begin useful connections resolved phase static pipe unnecessary equal none
normal collection whole exist exactly physical permit detection binding writing introduced comes
might terms addresses views whom configured rename recent keywords numbers implement sell nothing
signature portions developer checkout overflow extensions inputs twist failure whose scaling
obtaining promises references markdown around chain database random define egg recommended persons
substantial explicitly various supports rather go inclusive imports words defaults individual lambda
passing lock wiki exec invoked resolver furnished agent ideas mock requirements height batch
upcoming ask thinking alternative several yet capacity coordinate cut guidelines relative
asynchronous fresh completion right explicit rejected feel direct lunch addition save tasks bad
similar listen filters properly analysis adds really much recursive pair register newest final leak
bindings website challenges raves upload bat sec assertion adjustments easily recipe stolen industry
workshop encoded actual short codes exercise flavorful everyone yahoo hiking accept breast makes
packed company contact due quarterly projections services outside primary identify throws campaign
describes resulting attempt track constant transit understand wire multi prevent comprehend inside
allocation attention largest executable logging click unethical goal people points less removes
stable requested container compatible author disabled mix force few execute raw least pieces
entities reply sub compile flow post favorite kind towards images closed fixtures loader continue
crash processes detailed recover assigned grep fleet matching extra management clear knowledgeable
deprecate expect except spawn item record hours mixed verified associate quiet exclude helper heart
corresponding logic soft efficient adding recommend internet operating detect drive decor further
watch though onto spacious ls maintained pkg projects answers peer graph logs byte wrong tokens
definitions supply bank checking appear step fails split season restrictions site destroyed man
select discuss int terminal classes bump authentication hear diagnostics outline attached expression
certificates matches ids documents sharing locale align threads heap zip sized rating ops agenda
minute reviews underlying configurations questions divide double strategies compatibility certain
total formatting archive tar starting subscription yield reports skills min word transfer
replication engaging setup corp consistent convert directories starts choice matter digest builds
programming drop receive obj es patches nil incorrect bind encryption blank jobs collaboration
shields replaced days amount lift parallel edges mechanism three sort username freshly insights
override channels opinions enhancing mixture parts care manage branches ambiance fill objectives
bowl doing stdio intended entity milestones taste nicely pounds media takes download his smooth
dining cozy restore aside chop birthday yoga pans boutique crepes sauces stylish workflow trigger
quick audit asked immediate notification bite outlines mixes unsalted batter ethical skillet
tracking bound personal knife peeled blade lifting browned statement switch getting structure
sequence deleted relaxation softened stir nuts spoonfuls preheated clove saucepan rind grate cheeses
grated tsp boiling simmer bruise pour thickens scramble coated sprinkling grating cloves diced
skinless boneless cilantro effort looking opts accounts monitoring previously attach success
specifies column absolutely equivalent went linked exclusive void decorated disk symbol finalize
collaborator completely position contributors bot credentials vulnerability unknown expose ability
reading soon component asset arrow resolution finally storage warn hex effect font glob participant
tips problems health precision recipient negative limitations considered libraries duplicate perform
friend stat typescript peak down yes loading bootstrap listeners creative listed applications ones
finding third adjust changing design fields labels center safely tarball gives scenarios promote
reserved others incorrectly loaded personality objective bundle normally reject lookup cipher
utility look signed concepts social caused internally enables particular beta produce month breaking
fully won creation exported power inform badge frame trailing rev connected welcoming area actually
spot described integration live colors patterns happy older turn bugs cancel focus neighborhood
spaces finished effectively restart consult wide availability stunning charming snapshots overall
widget descriptor specifier yourself installation sentence culture ms basic general inline among
specifying disassociate indent risk mitigate volume material worth led moral dynamic prompts weather
ts convenience escape discussed presents nested law records allocated department high leading
reflect executed triggers beyond scheduled speed followed absolute got seeing activity associations
parsed representing surprise regardless ways seconds pointer reported incredibly optimize workflows
compiled anyone completed applied revert domains engage implemented decode registered findings moved
grammar earlier consistently prepare aborted pretend conversion identified tech game refer cross
scheme terminate routing backup priority strategic improved entire monitor meets synchronous
learning prototypes however failing looks hr buffers managing math networking solutions vault
accelerator hotels think anytime compiler video contacts ethics wife licenses programs grow classic
mention confirm heads schedule metric flat specification omitting documented follows presented
compilation succeeded reminder indentation stored processing nodes period minimum taught repeat
merges unlimited traffic indicate gorgeous zone logo button bits early principal closing avatars
timer templates artist comparison developers iterator startup factor allocate employee swear
debugging accepts choose rest monthly mean beneficial sending category comfortable pricing extend
generator shown medical across remind delay gear literal assets installing introduce symbolic
devices customers outcomes strengthen campaigns informal faster hard year relaxing drawing she
exploring unit acting updating servers generation repositories compete impact creativity generating
elements functionality production away redundant friends told outlook gather competitors organize
innovative outfits four expressions background omit her responsive productivity weekend aimed
transform operator filtering legal pages lazy bold contributes partners satisfaction participating
stash bonds optionally zeros exceptions released years contributor milliseconds quarter op
constructive cohesion brainstorm outdoor teamwork cafeteria painting sculpting prefer arrays formats
popular revision organizations components especially failures fitness arrival island reunion dental
organizers omitted handled consider determine chat harmful surveys gathered trends evening snacks
separated whatever dependent published viewer resume fun age approval baseline potluck reunions felt
feasibility spa reps extended manually rate sessions suites firewall secure writes benchmarks idea
wants standards draft prior paragraph saying tabs isolate preferences partial layer aware easier
element expand floating rs throughout essential remember disconnect immoral dotted vs tracker race
mirror payment levels credential land fee successfully variety relevant comma quickly reporting
usually configuring limits slower encode bodies raised easy covered often constraints flush limited
applies player decoder capability lattice difference why treated head folders explain marked deep
symbols box linting stores life touch checked finish kill stands tracing depends listening closes
refuse assume nor char enough become receiving trust alive talk interactive rm training
notifications inventory slice offer mobile simulate analyzer ignores blocks comply vulnerabilities
payload earliest pairs advice numeric placed blame displayed macro story showing tagging mapping
causing responsibility sockets satisfy interpreted widgets insert slash front merged big proper
cover appears school himself ranges contribute walk providers ends anonymous unsafe specifications
controller prof workers vocabulary transcription movie manual purposes remark revise simply login
term handles outputs trusted km highlight car bulk retry arm cougar supplied developing authority
conflict technical prod depth lot operate according week identifying imaginary opt goes fed selector
improving offensive trailers typical positive detector flavors accepted affect blue assertions
derivative hosts wireless browsers converted depending sometimes loose handlers lead hosted
dictionary outdated games contained ups tick integers technology brand incident typos emeritus yard
specifically indicates complex nice conflicts initialization launched alignment authentic starred
iteration occurs targeted machine duration affected renamed moving protection signing refresh
recommendation closure environments automatic controls builder temporary lost inviting shopping
vehicles vegan twice formatted places cursor anymore greater come sweet luxury bustling memorable
differences lovely influenced optimized prune breakfast savory attractions rice dessert higher
subsequent bed leave ran terminated grants humans latter obsolete metrics gateways cider buckwheat
bistros steak pudding sightseeing cleanliness delightful impeccable skyline elegantly hummus builtin
unspecified raise assign sense join slow significantly tables pause encrypted shard tiny providing
opening arbitrary deb resolving boxes stages cryptography tenant northeast implementations respect
portion exceeded held critical happens discovery subscribe asks transport downloads trying sides
mistake freed acorn plugins shallow scopes extends trade subscribers said staging deletion detached
administrator profiles apps quotes probably allowing causes bundled reverse catalog accessed
whenever potentially red padding requirement configurable assumed exceeds abide usability decimal
enterprise tested newer aliases prepared represents compliance authorization definitely artifacts
launches modifications patent serves food verbose invocation avatar actively invoke serialization
risks relax selected freedom smart dangerous someone mailman verification append enhancements says
proposed copying compute defines truncated triggered workaround conversation theme remain saving
float framework fad internals establish markup stopped baa suppress forget community happen cake
reviewed sends enter chalk cad exposed advanced produced processed play costs meant reliable opened
encrypt informative manifest perfect outlined roles chime statements algorithms migrate lexer
annotation referenced alternate variant dialogs mappings removing attempts recently disclaimer
associates encouraged successful freeze sparse hierarchy disables octet likely stability frames
replica mesh morality desired far garbage newly prototyping initialize generates incoming wrapper
pretty spent explanation span permitted evaluation exits laws termination acts incidents advertised
automation canary transcribe glue meaning proposal safety stats procedure entering prices compliant
significant identical normalize removal performed recommendations integrity xxx machinery subscriber
blocked involve suggests dead compression typically represented screen dab binaries modification
lacks misc daemon initiatives infinity sensitive conditional skipped representation usual stuff
maintaining research modifying interfaces cost reproduce competition preview beautiful leads
unneeded diagnostic represent closer notices cached brought catching bare sorry sexual deployments
suggest interactions flywheel legality uncensored behind maintainers treat interpreter indicating
locally installs areas transaction generally persistent unstable watched winning inspection literals
clusters taking modifies awareness weeks replacement maps tried extremely saved editing attack
assessment recording consolidate delicious money jokes ins solution contributing declaration giving
ebb amp mentioned robust manner reasons models finite processor reporter audio topics house
realistic serial growth regards hint contexts queries tries efficiency ping preset timing floor cat
cab sampled broke possibly considering marks derived procedures deals playback answering sequential
qualify profit authors insensitive regexp succeeds edge affects larger continues occasionally
attacks street selectors xx censorship arrange tip impacted initiative provisioned ads compact strip
decoding sup quite differentiate apple paragraphs alone submitted favor press comprehensive
profanity jab react precedence duplicated entirely copied slight orders readability reads occur
videos criteria implicit opportunities fictional reflection connector mask generic plus independent
responsibilities assess enforce concurrency shift urn focused imported entered subtle vector awaits
infrastructure uninstall routine replies harm relational preserve reuse begins stops incorporating
adventure analyzing principles curl unnecessarily decipher price delivers official coding forever
moment pi fold typed engineers waiting weekly efforts detach die responding placement alphabetically
discrepancy thorough crucial alarm morals persona capture expansion mostly rewrite accessing
therefore applicable consistency existence optimizing delays restaurants confines preferred occurred
asking useless creator behave blocking actionable bench survey leaks fatal transparency peering
professionals percent digits circular returning mm sauce optimization vars hypothetical traditional
cooking bisect unsubscribe fish experts menus challenging famous magic notation forms lower corner
taken descriptions combination sections protect slightly statistics intelligent breakpoints
categories snap remarks portfolio reward smoothly trainer followers ending square logical fake
timezone bee scoped serialize fact samples concurrent ram dispatch unwind transportation loyalty
cream dish park competitor attended grocery inherit semi fetching unsupported chars promising
compound journal tap obtain confused infinite ma pie refused temp timelines ciphers landing pummel
productive declined newsletters provisioning regional salmon wine achievements juice accessible book
enumerable dad mind resolves confusing printed compared suffix detected competitive chunks reached
signals consequences construct news pager testers platter pauses bottles deadlines lights violent
sounds appreciate overcoming revenue markets travels discounted hiring manufacturers promotional
positioning bistro theaters shops pita sandwiches energetic lowercase rely commas assignment
involved prevents spawned cycle counter drain clicking censor mainsail roadblocks dew promotions
invaluable contingency disruptions barriers reconvening assurance annual respondent dissatisfied
voyager quiches lasagna tart champagne discounts webinars suppliers brainstormed enjoyed slides
accurate quoted guard icon depend practice million loads approve sum authorized notify writer
regions talking unreachable outgoing axis shims strong merging past executing validated respectively
clang publicly weight pools publishing forgot bypass score nits pure declarations colon traverse
clause emits states moves turned sorted incompatible restricted executions embedded located attacker
prefixes rejection fetched sleep prompted glacier explorer amoral sarcasm passes excluding regarding
mod styles replaces letter retain understood computer pop threshold packaging unsigned bitmap
descriptors submit listing prefixed situation architecture browse revoke refers ownership loss tells
printing trail linking
`;
