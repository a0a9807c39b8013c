BBBB BBBB gettext(u'News from %(title)s: ') SSSS SSSS SSSSSSSSSS 
 gettext(u'Hello,') 

 gettext(u'There is a new update from %(title)s, an initiative you follow.') SSSSS SS S SSS SSSSSS SSSS SSSSSSSSSS SS SSSSSSSSSS SSS SSSSSSS



FFFFFFFFFFFFFFFF

 gettext(u'Read it here:')  XXXXXXXX

 gettext(u'You get this e-mail because you follow the initiative. Stop following it on its page.') 
