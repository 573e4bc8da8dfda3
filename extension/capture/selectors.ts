// Every selector and UI label the page readers use, in one place. LinkedIn ships several A/B
// layouts at once and renames classes often, so each field has several strategies, tried in
// order: stable attributes and ARIA first, then class/structure, then words the UI shows.
// Each entry says where it is seen (layout, year, page). When LinkedIn changes, this is the
// file to edit.

/** Parts of any page that never hold the person or job being read (decoys). */
export const DECOY = [
  'code', // bpr-guid JSON blobs, all pages (2016-2026)
  'script',
  'template',
  'header#global-nav', // top bar with the viewer's own photo, all pages
  '#msg-overlay', // messaging overlay (read only through openBubble)
  '.msg-overlay-container',
  '[data-ad-banner]', // right-rail ads, all pages 2024-2026
  '.ad-banner-container',
  'footer',
  '.pv-profile-sticky-header-v2__container', // hidden sticky header, profile 2024-2025
  '[aria-label="Profile sidebar"]', // "More profiles for you", profile 2024-2026 (en)
  '.scaffold-layout__aside', // right rail: people also viewed, similar jobs (2022-2026)
].join(',');

export const PROFILE = {
  /** The top card holding name, headline, location, current company. */
  topCard: [
    'section[data-member-id]', // profile 2024-2026, all layouts (stable attribute)
    'section[componentkey*="Topcard"]', // SDUI profile 2025-2026
    '[data-view-name="profile-top-card"]', // SDUI profile 2026
    'section.pv-top-card', // profile 2021-2023
    '.pv-top-card', // profile 2020-2023
  ],
  /** Links that only exist in the top card; their section is the top card. */
  topCardAnchors: [
    'a[href*="/overlay/contact-info"]', // "Contact info" link, profile 2019-2026, any language
    'a[href*="/overlay/about-this-profile"]', // name link, profile 2023-2026
    '#top-card-text-details-contact-info', // profile 2023-2025
    '.pv-top-card-profile-picture', // photo button, profile 2021-2025
  ],
  name: [
    'a[href*="/overlay/about-this-profile"] h1', // profile 2023-2025
    'h1', // top card name, profile 2016-2025
    'a[href*="/overlay/about-this-profile"] h2', // hashed layout 2026: name is an h2
    'h2', // hashed layout 2026, first h2 of the top card
  ],
  nameAria: ['a[href*="/overlay/about-this-profile"][aria-label]'], // profile 2023-2026
  photoTitle: [
    'img.pv-top-card-profile-picture__image[title]',
    'button[aria-label] img[title]',
    'img[title]',
  ], // 2022-2026
  headline: [
    '[data-generated-suggestion-target]', // headline div, profile 2023-2026 (stable attribute)
    '.text-body-medium.break-words', // profile 2022-2025
    '.pv-top-card--list .text-body-medium', // profile 2021-2022
    '[data-view-name="profile-top-card-headline"]', // SDUI 2026
  ],
  location: [
    '.text-body-small.inline.t-black--light.break-words', // profile 2022-2025
    '.pv-text-details__left-panel .text-body-small', // profile 2021-2023
    '[data-view-name="profile-top-card-location"]', // SDUI 2026
    '.pv-top-card-section__location', // Ember 2017-2019
    '.top-card-layout__first-subline .top-card__subline-item:first-child', // public profile 2020-2024
  ],
  /** The "Current company" entry of the top card. */
  currentCompany: [
    'button[data-field="experience_company_logo"]', // profile 2023-2026 (stable attribute)
    'a[data-field="experience_company_logo"]', // profile 2024 variant
    '.pv-text-details__right-panel-item-link[href*="#experience"]', // profile 2022-2023
    '[data-view-name="profile-top-card-current-company"]', // SDUI 2026
    '[data-section="currentPositionsDetails"] .top-card-link__description', // public profile 2020-2024
    '.pv-top-card-v2-section__company-name', // Ember 2018-2019
  ],
  experienceAnchor: ['#experience'], // anchor div inside the Experience card, profile 2022-2026
  experienceSection: [
    'section[componentkey*="ExperienceTopLevelSection"]', // SDUI 2025-2026
    'section#experience-section', // Ember 2018-2021
    'section.experience', // public profile 2020-2024
    'section[data-section="experience"]', // public profile 2019-2022
  ],
  aboutAnchor: ['#about'], // anchor div inside the About card, profile 2022-2026
  /** One entry of a profile card list. */
  entity: [
    '[data-view-name="profile-component-entity"]', // 2023-2026
    'li.artdeco-list__item', // 2022-2025
    'li.pvs-list__paged-list-item', // details pages 2023-2025
    'li.experience-item', // public (signed-out) profile 2020-2024
    'li.profile-section-card', // public profile 2020-2024
    'li.pv-entity__position-group-pager', // Ember 2018-2020
    'li', // any layout: the section's first list item
  ],
  entityBold: [
    '.t-bold',
    '.mr1.t-bold',
    '.hoverable-link-text.t-bold', // entry title line, 2022-2025
    '.profile-section-card__title', // public profile 2020-2024
  ],
  entityNormal: [
    'span.t-14.t-normal:not(.t-black--light)', // "Company · Full-time" line, 2022-2025
    '.profile-section-card__subtitle', // public profile 2020-2024
  ],
  /** Roles nested under a company (a grouped entry). */
  subRoles: [
    '.pvs-entity__sub-components [data-view-name="profile-component-entity"]',
    '.pvs-entity__sub-components li .t-bold',
  ], // 2023-2025
  /**
   * Profile sub-pages (/in/<slug>/details/experience/, …) have no top card: the owner is the
   * name/headline lockup of the toolbar above the list (2023-2025; the same lockup is the hidden
   * sticky header on the main profile page, where it is a decoy).
   */
  subPageLockup: [
    '.scaffold-layout-toolbar .artdeco-entity-lockup', // details pages 2023-2025
    '.pv-profile-sticky-header-v2__container .artdeco-entity-lockup', // self-view details 2023
  ],
  lockupTitle: ['.artdeco-entity-lockup__title'], // 2019-2026
  lockupSubtitle: ['.artdeco-entity-lockup__subtitle'], // 2019-2026
  contactDialog: ['[role="dialog"]', '.artdeco-modal'], // Contact info overlay, profile 2016-2026
  contactSection: ['.pv-contact-info__contact-type', 'section.ci-email'], // 2022-2025; 2019-2021
} as const;

export const JOB = {
  /** The pane showing one job: the whole page on /jobs/view, the right pane on lists. */
  detail: [
    '[data-sdui-screen*="JobDetails"]', // SDUI jobs search 2026: the detail pane's screen attribute (stable)
    '.jobs-search__job-details--container', // jobs search / collections 2023-2026
    '.jobs-search__job-details', // jobs search 2022-2024
    '.job-view-layout', // jobs view + detail pane 2023-2026
    '.jobs-details', // 2022-2026
    '[data-view-name="job-details"]', // SDUI 2026
    '.scaffold-layout__detail', // list-detail layout 2022-2026
    'main', // hashed layout 2026: main is the detail pane on list pages too
  ],
  /** Job lists and recommendations inside or beside the pane: never the job. */
  decoy: [
    '.scaffold-layout__list', // jobs search list 2022-2026
    '.jobs-search-results-list',
    '.job-card-container', // job cards 2021-2026
    '[data-occludable-job-id]',
    '.jobs-similar-jobs', // "Similar jobs", jobs view 2023-2026
    '#job-details', // the description text
    '.jobs-description',
    '.jobs-company', // "About the company"
  ].join(','),
  title: [
    '.job-details-jobs-unified-top-card__job-title h1', // jobs 2023-2026
    'h1.job-details-jobs-unified-top-card__job-title', // jobs 2023-2025
    '.job-details-jobs-unified-top-card__job-title', // jobs 2024 variant: the title element itself (h2 or div)
    '.jobs-unified-top-card__job-title', // jobs 2022-2023
    '.t-24.t-bold', // jobs 2023-2025
    '.top-card-layout__title', // public (signed-out) job page 2020-2026
    '.topcard__title', // public job page 2019-2022
    'h1', // any layout: the pane's heading
  ],
  titleAria: ['.jobs-search__job-details--container[aria-label]'], // list detail pane 2024-2026
  /** Any layout: the pane's link to the job itself (/jobs/view/<id>/) carries its title (SDUI 2026: a <p><a>). */
  titleLink: 'a[href*="/jobs/view/"]',
  stickyTitle: ['.job-details-jobs-unified-top-card__sticky-header h2'], // 2024-2026
  company: [
    '.job-details-jobs-unified-top-card__company-name a', // jobs 2023-2026
    '.job-details-jobs-unified-top-card__company-name', // jobs 2023-2026 (no link)
    '.jobs-unified-top-card__company-name a', // jobs 2022-2023
    '.job-details-jobs-unified-top-card__primary-description-without-tagline a[href*="/company/"]', // 2023-2024
    '.job-details-jobs-unified-top-card__primary-description a[href*="/company/"]', // 2023
    '.topcard__org-name-link', // public job page 2019-2026
  ],
  aboutCompany: [
    '[data-view-name="job-details-about-company-name-link"]',
    '.jobs-company__box .artdeco-entity-lockup__title',
  ], // 2023-2026
  location: [
    '.job-details-jobs-unified-top-card__tertiary-description-container', // 2024-2026: "City · 3 days ago · N applicants"
    '.job-details-jobs-unified-top-card__primary-description-without-tagline', // 2023-2024: "Company · City · …"
    '.job-details-jobs-unified-top-card__primary-description-container', // 2023-2026
    '.job-details-jobs-unified-top-card__primary-description', // 2023
    '.jobs-unified-top-card__subtitle-primary-grouping', // 2022
    '.jobs-unified-top-card__bullet', // 2022
    '.topcard__flavor--bullet', // public job page 2019-2026
  ],
  /** Elements that carry the id of the job the pane shows. */
  idAttr: ['#jobs-apply-button-id[data-job-id]', '.jobs-apply-button[data-job-id]', 'button[data-job-id]'], // 2022-2026
  idLink: [
    'h1 a[href*="/jobs/view/"]',
    '.job-details-jobs-unified-top-card__sticky-header a[href*="/jobs/view/"]',
  ], // 2024-2026
  activeCard: [
    '.jobs-search-results-list__list-item--active[data-job-id]',
    '[aria-current="page"][data-job-id]',
  ], // 2023-2026
  /** The hiring-team / job-poster card. */
  hiringCard: [
    '.job-details-people-who-can-help__section--two-pane', // list detail pane 2024-2026
    '.job-details-people-who-can-help__section', // jobs view 2024-2026
    '.hirer-card__container', // jobs view 2022-2025
    '[data-view-name="job-details-hiring-team"]', // SDUI 2026
    '.message-the-recruiter', // public job page "Job poster" card 2021-2026
  ],
  hirer: ['.hirer-card__hirer-information'], // one person of the hiring team, 2022-2026
  hirerName: ['.jobs-poster__name', '.hirer-card__hirer-information strong', '.base-main-card__title'], // 2022-2026; public page
  hirerHeadline: [
    '.hirer-card__hirer-job-title',
    '.jobs-poster__headline',
    '.artdeco-entity-lockup__subtitle',
    '.base-main-card__subtitle', // public job page
  ], // 2022-2026
} as const;

export const MESSAGING = {
  /** The open conversation on /messaging. */
  thread: ['.msg-thread', '.msg-convo-wrapper', '.scaffold-layout__detail.msg__detail', '.msg__detail'], // 2022-2026
  header: [
    '.msg-title-bar',
    '.msg-entity-lockup',
    '#thread-detail-jump-target',
    '.msg-overlay-bubble-header',
  ], // 2022-2026
  headerName: ['.msg-entity-lockup__entity-title', '.msg-overlay-bubble-header__title', 'h2'], // 2022-2026
  headerHeadline: ['.msg-entity-lockup__entity-info', '.msg-overlay-bubble-header__subtitle'], // 2022-2026
  profileCard: ['.msg-s-profile-card', '.msg-s-profile-card-one-to-one'], // top of the thread, 2022-2026
  profileCardName: ['.profile-card-one-to-one__profile-link', '.artdeco-entity-lockup__title'], // 2022-2026
  profileCardHeadline: ['.artdeco-entity-lockup__subtitle'], // 2022-2026
  /** Message bubbles: people in them are the thread's authors, never read as the partner. */
  event: ['[data-event-urn]', '.msg-s-event-listitem', '.msg-s-message-list__event'], // 2022-2026
  eventList: ['.msg-s-message-list-content', '.msg-s-message-list'], // 2022-2026
  eventBody: ['.msg-s-event-listitem__body', 'p'], // 2022-2026
  eventOther: 'msg-s-event-listitem--other', // class of a message from the partner, 2022-2026
  conversationList: '.msg-conversations-container, .msg-overlay-list-bubble, .msg__list', // left list / list bubble
  /** A message's sender name (first message of a group only), 2019-2026; a <span> without href in 2026. */
  senderName: [
    '.msg-s-message-group__name',
    '.msg-s-message-group__profile-link',
    '.msg-s-event-listitem__name',
  ],
  /** Where a message group keeps its sender and clock (the event itself when absent), 2019-2026. */
  groupMeta: ['.msg-s-message-group__meta'],
  /** Times in the message list: day headings ("Today", "Monday", "Dec 6"), group clocks ("10:15 AM"). */
  stamp: ['time', '[datetime]', '.msg-s-message-list__time-heading', '.msg-s-message-group__timestamp'], // 2019-2026
  /** "3 participants" under a group conversation's title. */
  participants: /\b\d+\s+(?:participants?|teilnehmer(?:innen)?|participantes?)\b/i,
  /** Overlay bubbles (bottom right of any page). */
  bubble: [
    '.msg-overlay-conversation-bubble', // 2019-2026
    '[data-view-name="message-overlay-conversation-bubble-item"]', // 2024-2026
  ],
  bubbleMinimised: [
    'msg-overlay-conversation-bubble--is-minimized',
    'msg-overlay-conversation-bubble--minimized',
  ], // classes, 2019-2026
  bubbleActive: 'msg-overlay-conversation-bubble--is-active', // focused bubble, 2021-2026
  composer: [
    'div.msg-form__contenteditable[contenteditable="true"][role="textbox"]', // thread + bubble composer 2020-2026
    '[contenteditable="true"][role="textbox"]', // hashed layouts
  ],
} as const;

/** The signed-in user, as the global nav shows them (their own messages are "mine"). */
export const VIEWER = {
  profileLink: ['header#global-nav a[href*="/in/"]', '.global-nav__me a[href*="/in/"]'], // 2018-2026
  photo: ['img.global-nav__me-photo[alt]', 'header#global-nav img[alt]', '.global-nav__me img[alt]'], // 2018-2026
} as const;

export const SEARCH = {
  card: [
    '[data-chameleon-result-urn]', // people search 2021-2026 (stable attribute)
    '[data-view-name="search-entity-result-universal-template"]', // 2023-2026
    'li.reusable-search__result-container', // 2021-2025
    '.entity-result', // 2020-2025
    '[data-view-name="people-search-result"]', // SDUI 2026
    'li.search-result', // Ember people search 2017-2019
    '.search-result--person', // Ember people search 2017-2019
  ],
  name: [
    '.entity-result__title-text a span[aria-hidden="true"]',
    '.entity-result__title-text a',
    'a[href*="/in/"] span[aria-hidden="true"]',
    '.actor-name', // Ember 2017-2019
  ], // 2021-2025
  headline: ['.entity-result__primary-subtitle', '.subline-level-1'], // 2021-2025; Ember 2017-2019
  location: ['.entity-result__secondary-subtitle', '.subline-level-2'], // 2021-2025; Ember 2017-2019
  summary: ['.entity-result__summary', 'p'], // "Current: X at Y", 2021-2025
  insight: '.entity-result__insights, .entity-result__simple-insight, .entity-result__actions', // mutual connections, buttons
  list: [
    'ul[role="list"] > li', // hashed layout 2025-2026
    '[role="list"] > [role="listitem"]', // SDUI search 2026: whole-card links
    '.reusable-search__entity-result-list > li', // 2021-2025
  ],
} as const;

export const META = {
  jsonLd: 'script[type="application/ld+json"]', // public job pages 2018-2026
  ogUrl: 'meta[property="og:url"]',
  ogTitle: 'meta[property="og:title"]',
  canonical: 'link[rel="canonical"]',
} as const;

/** Words the UI shows, lower-cased, apostrophes straightened; en, fr, de, es. */
export const LABELS = {
  hiringTeam: [
    'meet the hiring team',
    'job poster',
    "rencontrez l'équipe de recrutement",
    "l'équipe de recrutement",
    "auteur de l'offre d'emploi",
    "auteur de l'offre",
    'lernen sie das einstellungsteam kennen',
    'das einstellungsteam',
    'jobinserent',
    'conoce al equipo de contratación',
    'equipo de contratación',
    'anunciante del empleo',
    'autor del anuncio',
  ],
  /** "Job poster" tag under a hirer's name. */
  jobPoster:
    /^(job poster|auteur de l'offre( d'emploi)?|jobinserent(:?in)?|anunciante del empleo|autor del anuncio)$/i,
  experience: ['experience', 'expérience', 'berufserfahrung', 'erfahrung', 'experiencia'],
  about: ['about', 'infos', 'info', 'à propos', 'acerca de', 'sobre'],
  /** The top card's "Contact info" link text (its href is only "#" in the 2026 layout). */
  contactInfo:
    /^(?:contact info|coordonnées|kontaktinfo(?:rmationen)?|información de contacto|informações de contato|informazioni di contatto|contactgegevens)$/i,
  /** Words that make an entry of the top card's "company · school" line a school. */
  school:
    /(?<!\p{L})(?:universit\p{L}*|univ|college|colegio|school|école|ecole|schule|hochschule|escuela|institut\p{L}*|academy|académie|akademie|polytechni\p{L}*|politécnic\p{L}*|iit|nit|mba|faculdade|facultad|lycée|gymnasium)(?!\p{L})/iu,
  currentCompanyAria:
    /^(?:current company|entreprise actuelle|aktuelles unternehmen|empresa actual)\s*:\s*(.+?)(?:\.\s|$)/i,
  /** "Current: X at Y" line of a search card. */
  current:
    /^(?:current|actuel(?:lement)?|poste actuel|aktuell|derzeit|actual(?:mente)?|cargo actual)\s*:\s*(.+)$/i,
  /** "X at Y" in a headline (at / @ / chez / bei / en). */
  roleAt: /^(.+)\s+(?:at|chez|bei|en)\s+(.+)$/i,
  roleAtSign: /^(.+?)\s*@\s*(.+)$/,
  privateMember: /^(linkedin member|membre linkedin|linkedin[- ]mitglied|miembro de linkedin)$/i,
  /** A profile link's aria-label; LinkedIn may prefix it ("Graphique Voir le profil de X"). */
  viewProfile: [
    /(?:^|\s)view (.+?)[’']s?\s+(?:profile|graphic)$/i,
    /(?:^|\s)voir le profil de (.+)$/i,
    /(?:^|\s)profil von (.+?) anzeigen$/i,
    /(?:^|\s)ver el perfil de (.+)$/i,
  ],
  conversationWith: [
    /conversation with (.+)$/i,
    /conversation avec (.+)$/i,
    /unterhaltung mit (.+)$/i,
    /conversación con (.+)$/i,
  ],
  /** Words of a job posting's meta line that are not a place (posted, applicants, promoted…). */
  notLocation: new RegExp(
    `(?<!\\p{L})(?:ago|reposted|posted|applicants?|applied|clicked|promoted|responses|actively|il y a|republiée?|publiée?|candidat\\p{L}*|promu\\p{L}*|réponses|vor|erneut|bewerb\\p{L}*|gesponsert|antworten|hace|publicad[oa]|solicitud\\p{L}*|postulante\\p{L}*|promocionad[oa]|respuestas)(?!\\p{L})`,
    'iu',
  ),
  /** "3 days ago", "il y a 2 semaines", "vor 5 Tagen", "hace 1 día", with "Reposted"/"Republiée"… before it. */
  postingAge:
    /(?<!\p{L})(?:(?:re)?posted\s+|republiée?\s+|publiée?\s+|erneut\s+|publicad[oa]\s+de\s+nuevo\s+)?(?:\d+\s+\p{L}+\s+ago|il y a\s+\d+|vor\s+\d+|hace\s+\d+)/iu,
  /** "87 candidats", "Over 100 people clicked apply", "1 234 abonnés": a count, never a place. */
  count: /^(?:\p{L}+\s+){0,3}\d[\d\s.,]*\+?\s+\p{L}/u,
  /** A message group's sender shown as the user themself. */
  you: /^(?:you|vous|moi|sie|ich|tú|tu|usted|yo)$/i,
  /** Day headings of a message list, normalised (lower case, no accents): 0 = today, 1 = yesterday. */
  relativeDay: {
    today: ['today', "aujourd'hui", 'aujourd’hui', 'heute', 'hoy'],
    yesterday: ['yesterday', 'hier', 'gestern', 'ayer'],
  },
  /** Weekday names (no accents), Sunday first, en/fr/de/es; a heading naming one means within the past week. */
  weekdays: [
    ['sunday', 'sun', 'dimanche', 'dim', 'sonntag', 'so', 'domingo', 'dom'],
    ['monday', 'mon', 'lundi', 'lun', 'montag', 'mo', 'lunes'],
    ['tuesday', 'tue', 'tues', 'mardi', 'mar', 'dienstag', 'di', 'martes'],
    ['wednesday', 'wed', 'mercredi', 'mer', 'mittwoch', 'mi', 'miercoles', 'mie'],
    ['thursday', 'thu', 'thurs', 'jeudi', 'jeu', 'donnerstag', 'do', 'jueves', 'jue'],
    ['friday', 'fri', 'vendredi', 'ven', 'freitag', 'fr', 'viernes', 'vie'],
    ['saturday', 'sat', 'samedi', 'sam', 'samstag', 'sa', 'sabado', 'sab'],
  ],
  /** Month name prefixes (no accents), en/fr/de/es: "Dec 6", "6 déc.", "6. Dez.", "6 de dic.". */
  months: [
    ['jan', 'ene'],
    ['feb', 'fev'],
    ['mar'],
    ['apr', 'avr', 'abr'],
    ['may', 'mai'],
    ['jun', 'juin'],
    ['jul', 'juil'],
    ['aug', 'aou', 'ago'],
    ['sep', 'set'],
    ['oct', 'okt'],
    ['nov'],
    ['dec', 'dez', 'dic'],
  ],
  degree:
    /^(?:[·•]\s*)?(?:1st|2nd|3rd\s*\+?|1er|2e|3e(?:\s*et\s*\+|\s*\+)?|[123]\.\s*\+?|[123][º°](?:\s*y\s*más|\s*\+)?)$|degree connection|relation de \d|kontakt \d|contacto de \d/i,
} as const;
