// De ingebouwde Nederlandse teksten.
import { pack } from './pack';

export default pack(`Cookietoestemming
{controller} gebruikt cookies, met uw toestemming, voor: {purposes}.
Die verzamelen: {data}.
Marketing deelt gegevens met derde partijen.
U kunt uw keuze altijd wijzigen of intrekken via “Cookie-instellingen”.
Deze site
Privacyverklaring
Alles accepteren
Alles weigeren
Voorkeuren
Uw browser stuurt Global Privacy Control: marketing blijft uit, tenzij u het aanzet.
Cookievoorkeuren
Kies welke cookies deze site mag gebruiken.
Sluiten
Keuze opslaan
Altijd actief
Aan
Uit
Details
Verzamelde gegevens
Naam
Aanbieder
Doel
Bewaartermijn
Derde partijen
Uw keuze: toestemmings-ID {id}, {date}.
Uw keuze is opgeslagen.
Cookie-instellingen
Strikt noodzakelijk
Nodig om de site te laten werken, zoals inloggen en het onthouden van deze keuze.
Functioneel
Onthouden uw instellingen, zoals taal.
Statistieken
Tellen bezoeken en laten zien hoe de site wordt gebruikt.
Marketing
Tonen en meten advertenties met partners, die gegevens over uw bezoek ontvangen.
apparaattype
IP-adres
browsertype
besturingssysteem
bezochte pagina's en bekeken items
klikgedrag
inloggegevens
hostnaam
Deze inhoud komt van {provider}, dat cookies kan plaatsen en gegevens over u kan verzamelen ({category}).
Privacybeleid van {provider}
Eenmalig laden
{category} altijd toestaan
Inhoud van {provider}`);
