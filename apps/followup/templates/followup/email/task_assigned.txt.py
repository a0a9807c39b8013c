BBBB BBBB gettext(u'New task: %(title)s') SSS SSSSS SSSSSSSSS
 gettext(u'%(name)s has given you a task in %(hub)s.') SSSSSSSS SSS SSSSS SSS S SSSS SS SSSSSSSSBB BBBBBBBBBBBBBBB
 gettext(u'Initiative:')  BBBBBBB BBBBBBBBBBB
 gettext(u'Due:')  FFFFFFFFFFFFFFFFFFBBBBBBB BBBBBBBBBBBBBBBB

BBBBB
