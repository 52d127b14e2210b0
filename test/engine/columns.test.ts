// Header matching against the real HubSpot / Salesforce export headers of docs/datasets.md section C.
import fc from 'fast-check';
import {
  BUILTIN_SYNONYMS,
  columnLetter,
  duplicateHeaders,
  findColumn,
  findHeaderRow,
  headerKey,
  normaliseHeader,
  synonymGroup,
} from '../../src/engine/columns';
import { describeWithSharedData, readSharedCsv } from './support/shared-data';

/** HubSpot "all properties" contacts export, 2023-02-21 (the custom property column left out). */
const HUBSPOT_FULL =
  `Record ID, First Name, Last Name, Annual Revenue, Average Pageviews, Became a Customer Date, Became a Lead Date, Became a Marketing Qualified Lead Date, Became a Sales Qualified Lead Date, Became a Subscriber Date, Became an Evangelist Date, Became an Opportunity Date, Became an Other Lifecycle Date, Buying Role, Buying Role Option, Campaign of last booking in meetings tool, City, Close Date, Company domain name, Company Name, Company size, Contact owner, Contact priority, Contact unworked, Country/Region, Create Date, Created by user ID, Currently in Sequence, Currently in workflow, Date of birth, Date of last meeting booked in meetings tool, Days To Close, Degree, Domain name, Domain to which registration email was sent, Email, Email address automated quarantine reason, Email address quarantine reason, Email Address Quarantined, Email Confirmed, Email Domain, Email hard bounce reason, Event Revenue, Facebook click id, Fax Number, Field of study, First Conversion, First Conversion Date, First Deal Created Date, First marketing email click date, First marketing email open date, First marketing email reply date, First marketing email send date, First Page Seen, First Referring Site, First Touch Converting Campaign, Gender, Google ad click id, Graduation date, HubSpot Score, HubSpot Team, Industry, Invalid email address, IP City, IP Country, IP Country Code, IP State Code/Region Code, IP State/Region, IP Timezone, Job function, Job Title, Last Activity Date, Last Contacted, Last Engagement Date, Last marketing email click date, Last marketing email name, Last marketing email open date, Last marketing email reply date, Last marketing email send date, Last Modified Date, Last NPS survey comment, Last NPS survey date, Last NPS survey rating, Last Page Seen, Last Referring Site, Last sequence ended date, Last sequence enrolled, Last sequence enrolled date, Last Touch Converting Campaign, Latest Source, Latest Source Date, Latest Source Drill-Down 1, Latest Source Drill-Down 2, Lead Rating, Lead Status, Legal basis for processing contact's data, Lifecycle Stage, Likelihood to close, Marital Status, Marketing contact until next update, Marketing email confirmation status, Marketing emails bounced, Marketing emails clicked, Marketing emails delivered, Marketing emails opened, Marketing emails replied, Medium of last booking in meetings tool, Membership Notes, Message, Military status, Mobile Phone Number, Next Activity Date, Number of Associated Deals, Number of Employees, Number of event completions, Number of Form Submissions, Number of Pageviews, Number of Sales Activities, Number of sequences enrolled, Number of Sessions, Number of times contacted, Number of Unique Forms Submitted, Object create date/time, Opted out of email: Customer Service Communication, Original Source, Original Source Drill-Down 1, Original Source Drill-Down 2, Owner Assigned Date, Persona, Phone Number, Postal Code, Predictive Lead Score, Preferred language, Private e-mail address, Recent Conversion, Recent Conversion Date, Recent Deal Amount, Recent Deal Close Date, Recent Sales Email Clicked Date, Recent Sales Email Opened Date, Recent Sales Email Replied Date, Registered At, Relationship Status, Salutation, School, Sends Since Last Engagement, Seniority, Source of last booking in meetings tool, Start date, State/Region, Status, Street Address, Time between contact creation and deal close (HH:mm:ss), Time between contact creation and deal creation (HH:mm:ss), Time First Seen, Time Last Seen, Time of First Session, Time of Last Session, Time registration email was sent, Time to move from lead to customer (HH:mm:ss), Time to move from marketing qualified lead to customer (HH:mm:ss), Time to move from opportunity to customer (HH:mm:ss), Time to move from sales qualified lead to customer (HH:mm:ss), Time to move from subscriber to customer (HH:mm:ss), Time Zone, Total Revenue, Twitter Username, Unsubscribed from all email, Website URL, WhatsApp Phone Number, Work email, Associated Company, Associated Deal, Associated Ticket, Associated Payment, Associated Subscription, Associated Company IDs, Associated Deal IDs, Associated Ticket IDs, Associated Payment IDs, Associated Subscription IDs`.split(
    ', ',
  );

/** The smaller HubSpot export (default view columns). */
const HUBSPOT_VIEW = [
  'Contact ID',
  'First Name',
  'Last Name',
  'Annual Revenue',
  'Associated Company ID',
  'Company Name',
  'Country/Region',
  'Contact owner',
  'Associated Deals',
  'Lifecycle Stage',
  'Lead Status',
  'Email',
  'Phone Number',
  'Website URL',
  'Original Source',
  'HubSpot Score',
  'City',
  'Number of Associated Deals',
  'State/Region',
  'Total Revenue',
  'Create Date',
];

/** HubSpot internal property names. */
const HUBSPOT_INTERNAL = [
  'email',
  'firstname',
  'lastname',
  'phone',
  'jobtitle',
  'company',
  'lifecyclestage',
  'hs_lead_status',
  'hs_analytics_source',
];

/** Salesforce Lead API names (field reference + a Data Loader export). */
const SALESFORCE_API =
  'Id,FirstName,LastName,Name,Company,Email,MobilePhone,Industry,AnnualRevenue,NumberOfEmployees,LeadSource,IsConverted,ConvertedDate,ConvertedAccountId,ConvertedContactId,ConvertedOpportunityId,CreatedDate,LastActivityDate,LastModifiedDate,DoNotCall,HasOptedOutOfEmail,Street,City,State,PostalCode,Country,Description,CompanyDunsNumber,OwnerId,Title,Phone,Website,Salutation,Status,Rating'.split(
    ',',
  );

/** Salesforce Lead field labels. */
const SALESFORCE_LABELS = [
  'Lead ID',
  'First Name',
  'Last Name',
  'Full Name',
  'Company',
  'Email',
  'Mobile Phone',
  'Industry',
  'Annual Revenue',
  'Employees',
  'Lead Source',
  'Converted',
  'Converted Date',
  'Created Date',
  'Last Activity',
  'Do Not Call',
  'Email Opt Out',
  'Address',
  'Title',
  'Phone',
  'Website',
  'Salutation',
  'Rating',
];

/** Salesforce Data Import Wizard labels. */
const SALESFORCE_IMPORT = [
  'Annual Revenue',
  'City',
  'Company',
  'Country',
  'Currency ISO Code',
  'Description',
  'Email',
  'Email Opt Out',
  'No. of Employees',
  'Fax',
  'Full Name',
  'First Name',
  'Last Name',
  'Industry',
  'Lead Division',
  'Lead ID',
  'Lead Source',
  'Lead Status',
  'Mobile Phone',
  'Phone',
  'Postal Code',
  'Rating',
  'Record Owner',
];

const X_EDUCATION =
  'Prospect ID,Lead Number,Lead Origin,Lead Source,Do Not Email,Do Not Call,Converted,TotalVisits,Total Time Spent on Website,Page Views Per Visit,Last Activity,Country,Specialization,How did you hear about X Education,What is your current occupation,What matters most to you in choosing a course,Search,Magazine,Newspaper Article,X Education Forums,Newspaper,Digital Advertisement,Through Recommendations,Receive More Updates About Our Courses,Tags,Lead Quality,Update me on Supply Chain Content,Get updates on DM Content,Lead Profile,City,Asymmetrique Activity Index,Asymmetrique Profile Index,Asymmetrique Activity Score,Asymmetrique Profile Score,I agree to pay the amount through cheque,A free copy of Mastering The Interview,Last Notable Activity'.split(
    ',',
  );
const MAVEN_ACCOUNTS =
  'account,sector,year_established,revenue,employees,office_location,subsidiary_of'.split(',');
const OLIST_MQL = 'mql_id,first_contact_date,landing_page_id,origin,converted,won_date'.split(',');

const HEADER_LISTS: [string, readonly string[]][] = [
  ['HubSpot full export', HUBSPOT_FULL],
  ['HubSpot view export', HUBSPOT_VIEW],
  ['HubSpot internal names', HUBSPOT_INTERNAL],
  ['Salesforce API names', SALESFORCE_API],
  ['Salesforce labels', SALESFORCE_LABELS],
  ['Salesforce import labels', SALESFORCE_IMPORT],
  ['X Education', X_EDUCATION],
  ['Maven accounts', MAVEN_ACCOUNTS],
  ['Olist MQL', OLIST_MQL],
];

describe('normaliseHeader', () => {
  it.each<[unknown, string]>([
    ['Email', 'email'],
    ['  Job   Title ', 'job title'],
    ['Country/Region', 'country region'],
    ['country_region', 'country region'],
    ['Country - Region', 'country region'],
    ['No. of Employees', 'no of employees'],
    ['# of employees', '# of employees'],
    ['% Complete', '% complete'],
    ['hs_lead_status', 'hs lead status'],
    ['Ｅｍａｉｌ\u00a0Address', 'email address'],
    ['\ufeffRecord ID', 'record id'],
    [
      'Time between contact creation and deal close (HH:mm:ss)',
      'time between contact creation and deal close hh mm ss',
    ],
    ['Número de empleados', 'número de empleados'],
    [2024, '2024'],
    [null, ''],
    [undefined, ''],
    [{}, ''],
  ])('%p -> %p', (value, expected) => {
    expect(normaliseHeader(value)).toBe(expected);
  });

  it('headerKey removes spaces so labels meet API names', () => {
    expect(headerKey('Number of Employees')).toBe(headerKey('NumberOfEmployees'));
    expect(headerKey('E-mail')).toBe(headerKey('email'));
  });
});

describe('BUILTIN_SYNONYMS', () => {
  it('puts each name in one group only', () => {
    const owner = new Map<string, number>();
    BUILTIN_SYNONYMS.forEach((group, index) => {
      for (const name of group) {
        const key = headerKey(name);
        const previous = owner.get(key);
        if (previous !== undefined && previous !== index) throw new Error(`'${name}' is in two groups`);
        owner.set(key, index);
      }
    });
  });

  it.each(BUILTIN_SYNONYMS.map((group) => [group[0] ?? '', group] as const))(
    'group "%s" occurs in at least one real export header',
    (_first, group) => {
      const keys = new Set(group.map(headerKey));
      const found = HEADER_LISTS.filter(([, list]) => list.some((header) => keys.has(headerKey(header))));
      expect(found.length).toBeGreaterThan(0);
    },
  );

  it('does not put the categorical "Last Activity" in the date group', () => {
    expect(synonymGroup('Last Activity')).toBeUndefined();
    expect(synonymGroup('last activity date')).toContain('lastactivitydate');
  });

  describe.each(HEADER_LISTS)('every group resolves against the %s header', (_name, list) => {
    const cases = BUILTIN_SYNONYMS.filter((group) => {
      const keys = new Set(group.map(headerKey));
      return list.some((header) => keys.has(headerKey(header)));
    }).flatMap((group) => group.map((name) => [name, group] as const));

    it.each(cases)('%s', (name, group) => {
      const index = findColumn(list, name);
      expect(index).toBeGreaterThanOrEqual(0);
      const keys = new Set(group.map(headerKey));
      expect(keys.has(headerKey(list[index]))).toBe(true);
    });
  });
});

describe('findColumn', () => {
  it.each<[string, readonly string[], string, string | null]>([
    ['exact label', HUBSPOT_FULL, 'Job Title', 'Job Title'],
    ['case and spacing', HUBSPOT_FULL, '  job  TITLE', 'Job Title'],
    ['label -> API name', SALESFORCE_API, 'Number of Employees', 'NumberOfEmployees'],
    ['label -> API name (no group needed)', SALESFORCE_API, 'Lead Source', 'LeadSource'],
    ['synonym -> API name', SALESFORCE_API, 'Job Title', 'Title'],
    ['synonym -> API name (opt out)', SALESFORCE_API, 'Do Not Email', 'HasOptedOutOfEmail'],
    ['HubSpot label -> Salesforce label', SALESFORCE_LABELS, 'Unsubscribed from all email', 'Email Opt Out'],
    ['Salesforce label -> HubSpot label', HUBSPOT_FULL, 'Email Opt Out', 'Unsubscribed from all email'],
    ['preferred synonym first', HUBSPOT_FULL, 'Employees', 'Number of Employees'],
    ['import label', SALESFORCE_IMPORT, 'Number of Employees', 'No. of Employees'],
    ['exact beats synonym (Status)', HUBSPOT_FULL, 'Status', 'Status'],
    ['exact beats synonym (Lead Status)', HUBSPOT_FULL, 'Lead Status', 'Lead Status'],
    ['internal name -> label', HUBSPOT_FULL, 'hs_lead_status', 'Lead Status'],
    ['label -> internal name', HUBSPOT_INTERNAL, 'Lifecycle Stage', 'lifecyclestage'],
    ['company -> Company Name', HUBSPOT_FULL, 'Company', 'Company Name'],
    ['country -> Country/Region (not IP Country)', HUBSPOT_FULL, 'Country', 'Country/Region'],
    ['state -> State/Region (not IP State/Region)', HUBSPOT_FULL, 'State', 'State/Region'],
    ['email -> Email (not Work email)', HUBSPOT_FULL, 'Email Address', 'Email'],
    ['email in a Salesforce import', SALESFORCE_IMPORT, 'E-mail', 'Email'],
    ['converted -> IsConverted', SALESFORCE_API, 'Converted', 'IsConverted'],
    ['created date -> CreatedDate', SALESFORCE_API, 'Create Date', 'CreatedDate'],
    ['last activity date -> LastActivityDate', SALESFORCE_API, 'Last Activity Date', 'LastActivityDate'],
    ['X Education Last Activity is categorical, not a date', X_EDUCATION, 'Last Activity Date', null],
    ['X Education Last Activity exact', X_EDUCATION, 'Last Activity', 'Last Activity'],
    [
      'Salesforce "Last Activity" label needs an extra synonym',
      SALESFORCE_LABELS,
      'Last Activity Date',
      null,
    ],
    ['X Education visits -> sessions', X_EDUCATION, 'Number of Sessions', 'TotalVisits'],
    ['Maven sector -> industry', MAVEN_ACCOUNTS, 'Industry', 'sector'],
    ['Maven revenue -> annual revenue', MAVEN_ACCOUNTS, 'Annual Revenue', 'revenue'],
    ['absent column', HUBSPOT_VIEW, 'Job Title', null],
    ['blank column name', HUBSPOT_VIEW, '  ', null],
  ])('%s', (_name, list, column, expected) => {
    const index = findColumn(list, column);
    expect(index >= 0 ? list[index] : null).toBe(expected);
  });

  it('uses extra synonyms before built-in ones', () => {
    const header = ['Title', 'Role at company'];
    expect(findColumn(header, 'Job Title')).toBe(0);
    expect(findColumn(header, 'Job Title', { 'job  title': ['Role at company'] })).toBe(1);
  });

  it('extra synonyms resolve the Salesforce "Last Activity" date label', () => {
    const synonyms = { 'Last Activity Date': ['Last Activity'] };
    expect(SALESFORCE_LABELS[findColumn(SALESFORCE_LABELS, 'Last Activity Date', synonyms)]).toBe(
      'Last Activity',
    );
  });

  it('extra synonyms of a group member apply to the whole group', () => {
    expect(findColumn(['Staff'], 'Number of Employees', { employees: ['Staff'] })).toBe(0);
  });

  it('exact match wins over an extra synonym', () => {
    expect(findColumn(['Other', 'Plan'], 'Plan', { plan: ['Other'] })).toBe(1);
  });

  it('takes the first of duplicate headers', () => {
    expect(findColumn(['Email', 'email'], 'EMAIL')).toBe(0);
  });

  it('copes with non-string header cells', () => {
    expect(findColumn([null, 2024, undefined, new Date(0), 'Email'], 'email')).toBe(4);
    expect(findColumn([null, 2024], '2024')).toBe(1);
  });
});

describe('duplicateHeaders', () => {
  it.each<[string, unknown[], { name: string; columns: number[] }[]]>([
    ['none', ['Email', 'Phone'], []],
    ['case and spacing', ['Email', ' email ', 'Phone', 'EMAIL'], [{ name: 'Email', columns: [0, 1, 3] }]],
    ['punctuation', ['Country/Region', 'Country Region'], [{ name: 'Country/Region', columns: [0, 1] }]],
    ['blank headers are ignored', ['', ' ', null, 'A'], []],
    [
      'two groups',
      ['A', 'B', 'a', 'b'],
      [
        { name: 'A', columns: [0, 2] },
        { name: 'B', columns: [1, 3] },
      ],
    ],
  ])('%s', (_name, header, expected) => {
    expect(duplicateHeaders(header)).toEqual(expected);
  });
});

describe('columnLetter', () => {
  it.each<[number, string]>([
    [0, 'A'],
    [1, 'B'],
    [25, 'Z'],
    [26, 'AA'],
    [27, 'AB'],
    [51, 'AZ'],
    [52, 'BA'],
    [701, 'ZZ'],
    [702, 'AAA'],
    [16383, 'XFD'],
    [-1, ''],
    [1.5, ''],
    [Number.NaN, ''],
  ])('%p -> %p', (index, expected) => {
    expect(columnLetter(index)).toBe(expected);
  });
});

describe('findHeaderRow', () => {
  const header = ['First Name', 'Email', 'Employees', 'Do Not Email', 'Create Date'];
  const lead1 = ['Jane', 'jane@acme.com', 250, 'No', '2024-03-12'];
  const lead2 = ['Bob', 'bob@gmail.com', '51-200', 'Yes', '3/15/2024'];

  it.each<[string, unknown[][], number]>([
    ['header in the first row', [header, lead1, lead2], 0],
    ['title row directly above', [['Leads export'], header, lead1], 1],
    ['title and blank row above', [['Leads export'], [], header, lead1], 2],
    ['title and subtitle above', [['Leads'], ['Exported 2024-03-12 by Jane'], header, lead1], 2],
    ['title in a later column', [['', '', 'Q1 leads'], header, lead1], 1],
    [
      'header with a blank cell',
      [
        ['Name', '', 'Email'],
        ['Jane', '', 'jane@acme.com'],
      ],
      0,
    ],
    ['header-only table', [header], 0],
    ['data with blank cells below', [header, ['Jane', '', '', 'No', '']], 0],
    [
      'no header: text-only rows below a text row',
      [
        ['Jane', 'Acme'],
        ['Bob', 'Initech'],
      ],
      -1,
    ],
    ['no header: numbers, e-mails, dates', [lead1, lead2], -1],
    [
      'no header: numbers only',
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      -1,
    ],
    ['empty sheet', [], -1],
    ['blank rows only', [[], ['', '  '], [null]], -1],
    ['a title alone', [['My leads']], -1],
    ['header beyond maxScan', [[], [], [], header, lead1], -1],
  ])('%s', (_name, values, expected) => {
    expect(findHeaderRow(values, _name === 'header beyond maxScan' ? 3 : undefined)).toBe(expected);
  });

  it('scans 10 rows by default', () => {
    const blank = Array.from({ length: 10 }, () => [] as unknown[]);
    expect(findHeaderRow([...blank.slice(0, 9), header, lead1])).toBe(9);
    expect(findHeaderRow([...blank, header, lead1])).toBe(-1);
  });
});

describe('properties', () => {
  it('nothing throws on arbitrary headers and sheets', () => {
    fc.assert(
      fc.property(
        fc.array(fc.anything()),
        fc.string(),
        fc.array(fc.array(fc.anything())),
        (header, column, sheet) => {
          normaliseHeader(column);
          findColumn(header, column);
          findColumn(header, column, { [column]: [column, 'x'] });
          duplicateHeaders(header);
          findHeaderRow(sheet);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('columnLetter is a bijection on the first 20,000 columns', () => {
    const seen = new Set<string>();
    for (let index = 0; index < 20000; index++) seen.add(columnLetter(index));
    expect(seen.size).toBe(20000);
  });
});

describeWithSharedData('real exports', () => {
  it.each([
    'x-education-leads.csv',
    'olist-marketing-qualified-leads.csv',
    'olist-closed-deals.csv',
    'maven-crm-sales-pipeline.csv',
    'maven-crm-accounts.csv',
  ])('%s: finds the header row under title rows, and none in headerless data', (file) => {
    const { header, rows } = readSharedCsv(file);
    const sample = rows.slice(0, 20);
    expect(findHeaderRow([header, ...sample])).toBe(0);
    expect(findHeaderRow([[`${file} export`], [], header, ...sample])).toBe(2);
    expect(findHeaderRow(sample)).toBe(-1);
    expect(duplicateHeaders(header)).toEqual([]);
    header.forEach((name, index) => {
      expect(findColumn(header, name)).toBe(index);
    });
  });

  it('X Education columns resolve from CRM names', () => {
    const { header } = readSharedCsv('x-education-leads.csv');
    const resolve = (column: string) => header[findColumn(header, column)];
    expect(resolve('LeadSource')).toBe('Lead Source');
    expect(resolve('Email Opt Out')).toBe('Do Not Email');
    expect(resolve('DoNotCall')).toBe('Do Not Call');
    expect(resolve('IsConverted')).toBe('Converted');
    expect(resolve('Number of Sessions')).toBe('TotalVisits');
    expect(resolve('Average Pageviews')).toBe('Page Views Per Visit');
    expect(resolve('Rating')).toBe('Lead Quality');
  });
});
