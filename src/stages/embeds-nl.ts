// Stage file for a Dutch page: the embed placeholders with the Dutch text pack, in one request.
import './embeds';
import './nl';
