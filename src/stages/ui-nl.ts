// Stage file for a Dutch page: the interface with the Dutch text pack, in one request.
import './ui';
import './nl';
