BBBB BBBB ngettext(u'One new notification', u'%(counter)s new notifications', count) SSS SSS SSSSSSSSSSSSPPPPPPPPPPP PPP PPPPPPPPPPPPP
 gettext(u'Hello,') 

 gettext(u'Here is what happened since the last digest:') 
BBB B BB BBBBBBBBBBBBB
X BB BBBBBB
FFFFFFFFFFFFFFFFFBBBBBBB BBBBB
BBBBB
BBBBBB
 gettext(u'All your notifications:')  XXXXXXXXXXXXXXX
 gettext(u'Change how often you get e-mail:')  XXXXXXXXXXXXXXXXXXXXXXXX
