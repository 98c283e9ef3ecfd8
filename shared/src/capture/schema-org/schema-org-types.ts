// Which schema.org types are people and organisations. The Organization list is the type's
// subtype tree from https://schema.org/Organization (LocalBusiness and its shops, services and
// venues that are businesses; educational, medical, performing, sports and government bodies),
// written out because markup names the most specific type ("Dentist", "Hotel").
const ORGANIZATION_TYPES = new Set(
  `Organization Airline Consortium Cooperative Corporation EducationalOrganization CollegeOrUniversity
  ElementarySchool HighSchool MiddleSchool Preschool School FundingScheme GovernmentOrganization
  LibrarySystem LocalBusiness MedicalOrganization NGO NewsMediaOrganization OnlineBusiness OnlineStore
  PerformingGroup DanceGroup MusicGroup TheaterGroup PoliticalParty Project FundingAgency ResearchProject
  ResearchOrganization SearchRescueOrganization SportsOrganization SportsTeam WorkersUnion
  AnimalShelter ArchiveOrganization AutomotiveBusiness AutoBodyShop AutoDealer AutoPartsStore AutoRental
  AutoRepair AutoWash GasStation MotorcycleDealer MotorcycleRepair ChildCare Dentist DryCleaningOrLaundry
  EmergencyService FireStation Hospital PoliceStation EmploymentAgency EntertainmentBusiness AdultEntertainment
  AmusementPark ArtGallery Casino ComedyClub MovieTheater NightClub FinancialService AccountingService
  AutomatedTeller BankOrCreditUnion InsuranceAgency FoodEstablishment Bakery BarOrPub Brewery
  CafeOrCoffeeShop Distillery FastFoodRestaurant IceCreamShop Restaurant Winery GovernmentOffice PostOffice
  HealthAndBeautyBusiness BeautySalon DaySpa HairSalon HealthClub NailSalon TattooParlor
  HomeAndConstructionBusiness Electrician GeneralContractor HVACBusiness HousePainter Locksmith
  MovingCompany Plumber RoofingContractor InternetCafe LegalService Attorney Notary Library LodgingBusiness
  BedAndBreakfast Campground Hostel Hotel Motel Resort SkiResort VacationRental MedicalBusiness
  CommunityHealth Dermatology DietNutrition Emergency Geriatric Gynecologic MedicalClinic CovidTestingFacility
  Midwifery Nursing Obstetric Oncologic Optician Optometric Otolaryngologic Pediatric Pharmacy Physician
  IndividualPhysician PhysiciansOffice Physiotherapy PlasticSurgery Podiatric PrimaryCare Psychiatric
  PublicHealth VeterinaryCare DiagnosticLab ProfessionalService RadioStation RealEstateAgent RecyclingCenter
  SelfStorage ShoppingCenter SportsActivityLocation BowlingAlley ExerciseGym GolfCourse PublicSwimmingPool
  SportsClub StadiumOrArena TennisComplex Store BikeStore BookStore ClothingStore ComputerStore
  ConvenienceStore DepartmentStore ElectronicsStore Florist FurnitureStore GardenStore GroceryStore
  HardwareStore HobbyShop HomeGoodsStore JewelryStore LiquorStore MensClothingStore MobilePhoneStore
  MovieRentalStore MusicStore OfficeEquipmentStore OutletStore PawnShop PetStore ShoeStore SportingGoodsStore
  TireShop ToyStore WholesaleStore TelevisionStation TouristInformationCenter TravelAgency`.split(/\s+/),
);

const PERSON_TYPES = new Set(['Person', 'Patient']);

/** The short name of a type written as a url, a prefixed name or a bare name. */
export function shortTypeName(type: string): string {
  const trimmed = type.trim();
  return trimmed.slice(
    Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('#'), trimmed.lastIndexOf(':')) + 1,
  );
}

/** True for schema.org Person (and Patient), and data-vocabulary.org's Person. */
export function isPersonType(types: readonly string[]): boolean {
  return types.some((t) => PERSON_TYPES.has(t));
}

/**
 * True for schema.org Organization and its subtypes, and data-vocabulary.org's Organization.
 * A type not in the list but named like one ("…Organization", "…Business", "…Store") counts too:
 * schema.org grows, and extensions add their own.
 * @example isOrganizationType(['Dentist']) // true
 */
export function isOrganizationType(types: readonly string[]): boolean {
  return types.some((t) => ORGANIZATION_TYPES.has(t) || /(?:Organization|Business|Store|Agency)$/.test(t));
}

/** True for ContactPoint and its kin that carry an organisation's email and phone. */
export function isContactPointType(types: readonly string[]): boolean {
  return types.includes('ContactPoint');
}
