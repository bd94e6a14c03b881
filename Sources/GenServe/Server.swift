import GenSite
