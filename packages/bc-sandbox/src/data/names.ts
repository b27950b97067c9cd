/** Name pools for generated customers and vendors (CRONUS demo names first). */

export interface NameSeed {
  name: string;
  contact: string;
  city: string;
  postCode: string;
  address: string;
}

export const CUSTOMER_NAMES: NameSeed[] = [
  { name: 'Adatum Corporation', contact: 'Robert Townes', city: 'Cambridge', postCode: 'CB1 2FB', address: 'Station Road, 21' },
  { name: 'Trey Research', contact: 'Helen Ray', city: 'London', postCode: 'SE1 0AX', address: 'Southwark Bridge Rd, 91-95' },
  { name: 'School of Fine Art', contact: 'Meagan Bond', city: 'Miami', postCode: 'US-FL 37125', address: '10 High Tower Green' },
  { name: 'Alpine Ski House', contact: 'Ian Deberry', city: 'München', postCode: 'DE-80807', address: 'Walter-Gropius-Strasse 5' },
  { name: 'Relecloud', contact: 'Jesse Homer', city: 'Guildford', postCode: 'GU2 7YQ', address: 'Occam Court, 1' },
  { name: 'Coho Winery', contact: 'Anna Lidman', city: 'Bristol', postCode: 'BS1 4DJ', address: 'Harbourside 12' },
  { name: 'Litware, Inc.', contact: 'Daniel Escapa', city: 'Leeds', postCode: 'LS1 4AP', address: 'Park Row 3' },
  { name: 'Margie\'s Travel', contact: 'Margie Shoop', city: 'York', postCode: 'YO1 7HH', address: 'Stonegate 8' },
  { name: 'Blue Yonder Airlines', contact: 'Kai Carter', city: 'Manchester', postCode: 'M1 1AE', address: 'Piccadilly 44' },
  { name: 'Wingtip Toys', contact: 'Lena Fox', city: 'Birmingham', postCode: 'B1 1BB', address: 'Broad Street 100' },
  { name: 'Lucerne Publishing', contact: 'Ben Miller', city: 'Luzern', postCode: 'CH-6003', address: 'Pilatusstrasse 9' },
  { name: 'Proseware, Inc.', contact: 'Oscar Ward', city: 'Glasgow', postCode: 'G1 1XQ', address: 'George Square 2' },
  { name: 'Woodgrove Bank', contact: 'Sara Davis', city: 'Edinburgh', postCode: 'EH2 2AD', address: 'Princes Street 77' },
  { name: 'Consolidated Messenger', contact: 'Tom Hill', city: 'Liverpool', postCode: 'L1 8JQ', address: 'Bold Street 15' },
  { name: 'Humongous Insurance', contact: 'Mia Stone', city: 'Hamburg', postCode: 'DE-20095', address: 'Mönckebergstrasse 7' },
  { name: 'Graphic Design Institute', contact: 'Bryce Jasso', city: 'Reutlingen', postCode: 'DE-72800', address: 'Arbachtalstrasse 6' },
  { name: 'The Phone Company', contact: 'Ella Price', city: 'Cardiff', postCode: 'CF10 1EP', address: 'Queen Street 30' },
  { name: 'Southridge Video', contact: 'Liam Scott', city: 'Nottingham', postCode: 'NG1 2GR', address: 'Market Square 5' },
  { name: 'VanArsdel, Ltd.', contact: 'Ruth Black', city: 'Oxford', postCode: 'OX1 3BG', address: 'High Street 50' },
  { name: 'Northwind Traders', contact: 'Nancy Davolio', city: 'Seattle', postCode: 'US-WA 98052', address: '507 20th Ave E' },
  { name: 'Fourth Coffee', contact: 'Chris Lee', city: 'Brighton', postCode: 'BN1 1EE', address: 'North Street 11' },
  { name: 'A. Datum Retail', contact: 'Pia Lund', city: 'Paris', postCode: 'FR-75001', address: 'Rue de Rivoli 20' },
  { name: 'City Power & Light', contact: 'Max Turner', city: 'Sheffield', postCode: 'S1 2HH', address: 'Fargate 9' },
  { name: 'Best For You Organics', contact: 'Ivy Green', city: 'Bath', postCode: 'BA1 1LZ', address: 'Milsom Street 4' },
];

export const VENDOR_NAMES: NameSeed[] = [
  { name: 'Fabrikam, Inc.', contact: 'Krystal York', city: 'Atlanta', postCode: 'US-GA 31772', address: '10 North Lake Avenue' },
  { name: 'First Up Consultants', contact: 'Evan McIntosh', city: 'Guildford', postCode: 'GU2 7XH', address: 'Allan Turing Road, 20' },
  { name: 'Graphic Design Institute', contact: 'Bryce Jasso', city: 'Reutlingen', postCode: 'DE-72800', address: 'Arbachtalstrasse 6' },
  { name: 'Wide World Importers', contact: 'Toby Rhode', city: 'Manchester', postCode: 'M22 5TG', address: 'Aviator Way, 3000' },
  { name: 'Nod Publishers', contact: 'Raymond Hillard', city: 'Edinburgh', postCode: 'EH1 3EG', address: 'Waterloo Place, 2-4' },
  { name: 'Contoso Pharmaceuticals', contact: 'Gail Erickson', city: 'Reading', postCode: 'RG1 1AX', address: 'Forbury Road 6' },
  { name: 'Tailwind Traders Logistics', contact: 'Ravi Patel', city: 'Felixstowe', postCode: 'IP11 3SY', address: 'Dock Road 1' },
  { name: 'Lamna Healthcare Properties', contact: 'Ann Beebe', city: 'London', postCode: 'EC2A 4NE', address: 'Old Street 200' },
  { name: 'Northwind Energy', contact: 'Paul West', city: 'Leeds', postCode: 'LS11 5AE', address: 'Water Lane 14' },
  { name: 'Datum Software Services', contact: 'Jo Berry', city: 'Dublin', postCode: 'D02 XY45', address: 'Grand Canal Quay 3' },
  { name: 'Bellows College Training', contact: 'Sam Ortiz', city: 'Cambridge', postCode: 'CB2 1TN', address: 'Trinity Street 1' },
  { name: 'Woodgrove Insurance Brokers', contact: 'Kim Ralls', city: 'London', postCode: 'EC3M 7HA', address: 'Lime Street 1' },
  { name: 'Adventure Works Cycles', contact: 'Rob Young', city: 'Bothell', postCode: 'US-WA 98011', address: '1 Cycle Way' },
  { name: 'Trey Office Supplies', contact: 'Lily Ng', city: 'Croydon', postCode: 'CR0 1LD', address: 'Wellesley Road 30' },
];
