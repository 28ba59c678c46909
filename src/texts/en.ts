// The built-in English texts.
import { pack } from './pack';

export default pack(`Cookie consent
{controller} uses cookies, with your consent, for: {purposes}.
They collect: {data}.
Marketing shares data with third parties.
You can change or withdraw your choice at any time under “Cookie settings”.
This site
Privacy statement
Accept all
Reject all
Preferences
Your browser sends Global Privacy Control: marketing stays off unless you switch it on.
Cookie preferences
Choose which cookies this site may use.
Close
Save choices
Always active
On
Off
Details
Data collected
Name
Provider
Purpose
Expiry
Third parties
Your choice: consent ID {id}, {date}.
Your choices have been saved.
Cookie settings
Strictly necessary
Needed for the site to work, such as log-in and remembering this choice.
Functional
Remember your settings, such as language.
Analytics
Count visits and show how the site is used.
Marketing
Show and measure ads with partners, who receive data about your visit.
device type
IP address
browser type
operating system
pages visited and items viewed
click behaviour
log-in data
host name
This content is provided by {provider}, which may set cookies and collect data about you ({category}).
Privacy policy of {provider}
Load once
Always allow {category}
Content from {provider}`);
