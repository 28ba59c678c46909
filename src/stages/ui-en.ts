// Stage file for an English page: the interface with the English text pack, in one request.
import './ui';
import './en';
