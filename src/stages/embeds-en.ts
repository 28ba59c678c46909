// Stage file for an English page: the embed placeholders with the English text pack, in one request.
import './embeds';
import './en';
