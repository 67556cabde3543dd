"""Word lists the speaker attribution reads (`speakers`): verbs of saying, titles, words that
make a name an organisation or a place, pronouns, and a small list of first names with the
gender newswire copy would give them.

Every list is lowercase; tokens are compared lowercased. The lists are English: in another
language the attribution patterns simply do not match and the speaker stays unknown.
"""

from __future__ import annotations


def wordset(text: str) -> frozenset[str]:
    """The whitespace-separated words of a list written as text."""
    return frozenset(text.split())


# Verbs (and participles) that attribute speech or writing: "said Jane Doe", "she added",
# "Doe told AFP", "he wrote on X". Matched only in lowercase (so "States" in "United States"
# is a name, not "states").
SPEECH_VERBS = wordset(
    """
    say says said saying tell tells told telling add adds added adding write writes wrote writing
    ask asks asked argue argues argued arguing claim claims claimed insist insists insisted
    warn warns warned warning explain explains explained note notes noted stated states
    tweet tweets tweeted posted post posts continue continues continued reply replies replied
    respond responds responded recall recalls recalled remark remarks remarked admit admits
    admitted acknowledge acknowledges acknowledged concede concedes conceded declare declares
    declared announce announces announced comment comments commented confirm confirms confirmed
    deny denies denied suggest suggests suggested stress stresses stressed emphasised emphasized
    emphasises emphasizes urge urges urged predict predicts predicted promise promises promised
    vow vows vowed pledge pledges pledged testify testifies testified shout shouted yell yelled
    cry cried whisper whispered joke joked laugh laughed conclude concluded observe observes
    observed agree agreed complain complains complained protest protested boast boasted
    counter countered retort retorted muse mused sigh sighed caution cautioned allege alleges
    alleged report reports reported recount recounted answer answered quip quipped call calls
    called describe describes described describing texted emailed messaged blogged
    maintain maintains maintained contend contends contended assert asserts asserted
    reiterate reiterated reiterates mention mentions mentioned thunder thundered
    accuse accuses accused accusing calling branding branded labelled labeled dubbed emails
    plead pleaded pleads beg begged begs accept accepts accepted
    shouts yells whispers cries jokes laughs concludes agrees complains protests boasts
    counters retorts muses sighs cautions recounts quips answers
    fumed scoffed lamented raged demanded exclaimed murmured muttered grumbled groaned
    enthused gushed wondered elaborated interjected shrugged sneered scolded rebutted
    corrected corrects stating adding noting insisting explaining arguing telling asking
    repeated repeats repeating found finds ruled rules written
    """
)

# Words between a subject and its verb that belong to neither: "Smith later said",
# "she was quoted as saying", "he has also said".
AUX_WORDS = wordset(
    """
    has have had is was were be been would will could should might may can also later then
    previously once recently again earlier further quoted as still already yet today yesterday
    tonight just only simply reportedly allegedly did does do not never himself herself itself
    themselves
    """
)

# Titles and offices: stripped from a name ("Health Minister Sajid Javid" -> "Sajid Javid")
# and kept as the person's roles ("the minister said" finds him again).
TITLES = wordset(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady baroness baron president vice
    minister ministers prime secretary secretary-general director-general undersecretary
    senator sen rep representative congressman congresswoman governor gov mayor chancellor
    premier king queen prince princess pope cardinal bishop archbishop rev reverend father rabbi
    imam sheikh emir sultan judge justice general gen lieutenant lt colonel col major maj
    captain capt sergeant sgt admiral adm commander cmdr chief officer inspector insp detective
    det superintendent supt constable ambassador commissioner director chairman chairwoman
    chair ceo cfo coo coach manager speaker leader spokesman spokeswoman spokesperson deputy
    acting former mp mep msp attorney councillor councilman councilwoman treasurer sheriff
    provost rector founder co-founder executive editor economist analyst doctor nurse
    correspondent reporter hon pres cllr
    """
)

# Titles that tell a person's gender ("Mr Smith said ... she" is someone else).
MALE_TITLES = wordset(
    "mr sir lord baron king prince father congressman councilman chairman spokesman emir "
    "sultan sheikh"
)
FEMALE_TITLES = wordset(
    "mrs ms miss dame lady baroness queen princess congresswoman councilwoman chairwoman "
    "spokeswoman"
)

# Descriptions that tell a person's gender ("His wife, Eleri ap Gwilym").
MALE_ROLES = wordset(
    "husband father son brother widower grandfather uncle nephew boyfriend man boy "
    "businessman grandson stepfather"
)
FEMALE_ROLES = wordset(
    "wife mother daughter sister widow grandmother aunt niece girlfriend woman girl "
    "businesswoman granddaughter stepmother actress"
)

# Abbreviated titles written with a full stop ("Dr. Jane Doe"): the stop does not end the name.
DOTTED_TITLES = wordset(
    "mr mrs ms dr prof sen rep gov gen lt col capt sgt st rev jr sr maj adm cmdr hon pres supt "
    "insp det mt ft cllr"
)

# Words after "Minister of"/"Secretary of" that name the office, not the person
# ("Secretary of State Antony Blinken", "Minister of Foreign Affairs Sergei Lavrov").
OFFICE_WORDS = wordset(
    """
    state health defence defense foreign affairs home interior justice finance education trade
    economy environment energy transport culture labour labor agriculture treasury commerce
    industry housing communities security homeland veterans war the and for of
    """
)

# Words that make a capitalised name an organisation ("the Ministry of Health said").
ORG_WORDS = wordset(
    """
    ministry department agency office council commission committee court police government
    administration parliament congress senate party union association federation organisation
    organization institute institution university college school hospital foundation trust
    bank fund group company corporation corp inc ltd llc plc authority board bureau service
    services army navy force forces command centre center centers centres network news times
    post journal press kremlin pentagon nations league club society alliance coalition movement
    front campaign watchdog regulator tribunal cabinet secretariat embassy consulate mission
    programme program unit laboratory labs systems technologies airlines airways motors media
    studios partners holdings international fc reuters ap afp bbc cnn nhs un eu who nato
    customs revenue excise constabulary brigade forum confederation lobby chamber guild
    rovers wanderers albion athletic hotspur academy primary choir orchestra ensemble
    trains railway railways rail buses airport
    research electric energy water utilities insights analytics capital ventures consulting
    consultancy logistics pharmaceuticals foods dairy dairies brewery farms telecom
    cooperative co-operative inspectorate theatre theater playhouse records
    publishers publishing bikes cycles
    museum museums gallery galleries library zoo imports exports insurance insurers estate
    institut instituto université universidad universität ministère ministerio société
    sociedad banque banco gruppo stiftung homes
    """
)

# Words that make a capitalised name a place (or an event: "the European Championships"): a
# place never speaks through a pronoun.
PLACE_WORDS = wordset(
    """
    street road avenue square river sea ocean mount mountain lake valley island islands bay
    gulf coast county province city republic kingdom states north south east west northern
    southern eastern western new united saint st port fort park bridge airport station beach
    desert hills peninsula strait canal region district town village
    championships championship olympics games marathon festival
    age ages era operation
    """
)

# Capitalised words that never start a speaker's name (sentence openers, days, months).
NOT_NAMES = wordset(
    """
    the a an in on at by for from to of with without and but or nor so yet if when while as
    after before since until although though because however meanwhile also still then there
    here this that these those it its he she they we i you his her their our my your him them
    another
    us me who what which where why how some many most more few several all both each every
    any no not none one two three four five six seven eight nine ten first last next earlier
    eleven twelve thirteen fourteen fifteen twenty thirty forty fifty hundred thousand
    later today yesterday tomorrow tonight according asked speaking writing officials police
    critics experts analysts residents witnesses investigators authorities scientists
    researchers protesters sources others people doctors teachers officers workers voters
    supporters opponents leaders ministers lawmakers members staff students parents friends
    neighbours neighbors family relatives prosecutors lawyers judges campaigners activists
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december mon tue wed thu fri sat sun feb
    mar apr jun jul aug sep sept oct nov dec yes oh well now late early shortly soon outside
    inside under over during despite among across elsewhere instead indeed even nearly almost
    around about someone somebody everyone everybody anyone anybody nobody
    beside besides behind beyond below above within throughout towards toward upon alongside
    amid against along past
    we’ve we've we’re we're we’ll we'll i’m i'm i’ve i've you’re you're they’re they're it’s
    it's that’s that's there’s there's here’s here's let’s let's
    """
)

# After a name: letters that are not part of it ("Anne Whitcombe KC", "Jane Doe MP").
POST_NOMINALS = wordset("kc qc mp mep msp obe mbe cbe phd jr sr ii iii")

# "the force said" is the police; "the union body" the Confederation of Trade Unions.
ROLE_SYNONYMS = {
    "force": frozenset({"police", "constabulary", "force"}),
    "body": frozenset({"union", "confederation", "association", "federation", "body"}),
    # "Lord Justice Peter Hale ... the judge said"; the accused is the defendant.
    "judge": frozenset({"judge", "justice"}),
    "defendant": frozenset({"defendant", "accused"}),
    "accused": frozenset({"defendant", "accused"}),
}

# An unnamed person a following pronoun may refer to ("a man who gave his name only as a
# former driver shouted ... he said"): then the pronoun is not resolved to an earlier name.
UNNAMED_PEOPLE = wordset(
    """
    man woman boy girl resident witness driver worker official spokesman spokeswoman
    spokesperson source neighbour neighbor voter passenger protester fan supporter friend
    relative delegate diplomat nurse doctor teacher student mother father someone somebody
    shopper customer motorist pensioner survivor victim officer soldier
    volunteer councillor member parent pupil teenager farmer trader owner commuter traveller
    visitor guest player employee carer engineer lawyer colleague husband wife
    son daughter brother sister uncle aunt cousin
    """
)

# Subject pronouns; a following "he"/"she" ties its gender to the name just before it
# ("Sasha Novak runs the bakery, and she ..."). Possessives ("her student") are too often
# someone else's to count.
HE = frozenset({"he"})
SHE = frozenset({"she"})
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we"})

# Heads of a definite description a speaker may be named by: "the minister said",
# "the ministry said in a statement". Resolved only to someone introduced with that role.
ROLE_HEADS = (
    TITLES
    | ORG_WORDS
    | wordset(
        """
        official adviser advisor lawyer prosecutor spokesperson businessman businesswoman coroner
        scientist researcher author politician lawmaker legislator diplomat envoy negotiator
        activist campaigner candidate challenger incumbent opposition firm carmaker retailer
        regulator airline bank insurer ministry agency government watchdog company
        """
    )
)

# Words for an organisation of any kind ("the company said"): one stands for the only
# organisation the text has named shortly before.
GENERIC_ORGS = wordset(
    """
    company firm business group organisation organization charity airline carmaker retailer
    chain operator insurer lender bank club council authority union body agency provider
    supplier manufacturer developer landlord broadcaster publisher label
    """
)

# Words a subject that names nobody starts with ("a spokeswoman said", "officials said"): the
# speaker is then unknown, where "and said" has no subject of its own.
SUBJECT_STARTS = wordset(
    "a an the one another some several many most two three four five police officials"
)

# Words that start a description rather than a name ("a UN relief adviser, Jan Egeland").
DESCRIPTION_STARTS = wordset(
    "a an who which whose whom that aged himself herself itself now also formerly once"
)

# A short list of first names with the gender their bearers are usually referred to by in
# newswire copy; a name not listed has no gender until a title or a pronoun gives one.
MALE_NAMES = wordset(
    """
    aaron abdul abdullah adam adrian ahmed alan albert alex alexander alexei ali andrew andy
    angus anthony antony antonio arthur ashraf barack ben benjamin bernie bill bob boris brad
    brian bruce carl carlos charles charlie chris christian christopher colin craig dan daniel
    david dennis diego dmitry donald douglas ed eddie edward emmanuel eric farid fernando
    francis francisco frank fred gary george gordon greg hamid hans harry henry hugh ian ibrahim
    igor ivan jack jacob jair james jamie jan jason javier jean jeff jeremy jerome jim joe johan
    john jonathan jorge jose joseph josh juan justin karl keir keith ken kevin khalid kim lars
    lee leo liam lloyd luis luiz marco marcus mark martin matt matthew michael miguel mike
    mohamed mohammed muhammad narendra nathan neil nicholas nick nigel olaf oliver omar oscar
    owen pablo patrick paul pedro peter philip pierre rafael rajesh ralph ramon rashid recep
    richard rick rishi robert rodrigo roger ron ross ryan sajid salman sam samuel scott sean
    sebastian sergei sergey simon stephen steve steven stuart thomas tim tom tony vladimir
    volodymyr walter wang william xi yuri zhang
    abel ahmad aidan alastair alberto aleksandr alfie amir anders andre andreas andrei angelo
    antoine arjun arnold barry bartosz bernard bilal bruno callum cameron carlo cesar cyril
    dale damian darren dave declan derek dominic duncan eamon elias emil emeka enrique erik
    ethan euan evan ewan fabio felix filip finn florian franco frederick gareth gavin geoffrey
    gerald gerard gianni giovanni glen graham gregory gustavo hamza harold harvey hassan hector
    hugo ibrahima idris ignacio ismail jakub jamal jens jeroen joao joel jonas jordi julian
    julien kamal karim kenneth kieran klaus kofi konstantin kwame lewis lorenzo louis lucas
    luca luka lukas malcolm manuel marcel mario martin mateo mathieu matteo maurice max
    mehmet mikhail milan mohammad moses mustafa nasser niall nikolai niels nils noah norman
    olav olumide ollie patrice pavel philippe piotr quentin rahul raj ravi raymond reza
    ricardo rob robin rory ruben rui rupert russell saeed samir sanjay santiago sergio seamus
    shane stefan sven tariq terry theo timothy tobias tomas trevor uche umar victor vikram
    vincent viktor warren wayne wojciech yann yannick yusuf zach
    dean phil alfie ewan femi luc rhys dylan jake kyle connor tyler nathaniel jeremiah
    callum lachlan hamish fraser archie alfred stanley reggie freddie toby terence dave
    """
)
FEMALE_NAMES = wordset(
    """
    abigail ada agnes aisha alice alicia alison amanda amelia amy ana andrea angela angelina ann
    anna anne annalena ashley barbara beatriz betty carla carmen caroline catherine charlotte
    chloe christina christine claire claudia dana deborah diana donna dorothy elena elizabeth
    ella ellen emily emma eva fatima fiona frances giorgia grace hannah helen hillary ingrid
    isabel isabella jacinda jane janet jennifer jessica jill joan joanna josephine judith julia
    julie karen kate katherine kathleen kathy kamala kemi laura lauren layla leila linda lisa
    liz louise lucy maria marie marine martha mary megan melania melissa mia michelle monica
    nadia nancy natalia natalie nicola nina olivia pamela patricia paula penny priti rachel
    rebecca rosa ruth sabine sally samantha sandra sarah sharon sofia sophie stephanie susan
    suzanne tanya theresa tulsi ursula valerie vanessa victoria virginia wendy yasmin yulia zoe
    adaeze adriana agata agnieszka aileen aleksandra alexandra alina amal amara amina anita
    annette antonia astrid aurelie beatrice bethan brenda bridget camille carol cecilia
    celine chiara clara colette cristina daniela daphne delia denise doris edith eileen
    eleanor elif elise eloise esther eva fiona florence francesca freya gabriela gemma
    georgia gillian gloria greta gwen hanna hanne harriet hazel heather heidi helena hilary
    ines irene iris irina isla ivana jacqueline jade janice jasmine jenny jo joanne jocelyn
    joy judy justine karin katarzyna katie kayla kerry kirsten lara leah lena leticia lily
    lina lorna lorraine lucia luisa lydia mabel maeve magda magdalena maggie malgorzata mandy
    margaret margarita marguerite marianne marina marta maureen maya meera mei mila miriam
    molly monika nadine naomi nell nicole nora olga paloma pauline petra pia polly priya
    rania rebekah renata rhiannon rita roberta rosemary roxana sadie salma sara sarah selina
    shirley silvia simone siobhan sonia stella svetlana sylvia tamara teresa tessa tina tracy
    valentina vera veronica viola vivian yvonne zainab zara zeynep
    rosie bea imogen alessia margery morag niamh kayleigh della mariam lorna pilar ellie
    ewa harriet bernadette rosalind annelie aoife ciara orla sinead shona kirsty hayley
    holly poppy daisy evie millie amber chelsea kelly stacey leanne gina tara nia cerys
    """
)
